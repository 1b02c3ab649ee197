"""Every message and check reason the core gives a user, by code, in each UI language.

The core raises errors and records flags as a code with parameters; whoever shows them (the
window, the CLI, an export) renders the code in its own language here. Nothing downstream parses
English sentences back into meaning.
"""

from __future__ import annotations

import logging
from string import Formatter

log = logging.getLogger(__name__)

LANGUAGES = ("en", "zh")

#: code -> (English, Chinese). Parameters are str.format fields; both languages use the same ones.
MESSAGES: dict[str, tuple[str, str]] = {
    # Input files
    "file.not_found": ("{name}: file not found.", "找不到文件 {name}。"),
    "file.empty": ("{name} is empty (0 bytes).", "{name} 是空文件。"),
    "file.unsupported": ("{name}: {kind} is not supported. Import PDF, Word (.docx), Excel (.xlsx) or text files.",
                         "{name}：不支持 {kind} 格式。请导入 PDF、Word（.docx）、Excel（.xlsx）或文本文件。"),
    "file.too_large": ("{name} is {size} GiB, larger than the 1 GiB limit; split it first.",
                       "{name} 大小为 {size} GiB，超过 1 GiB 上限，请先拆分。"),
    "file.no_text": ("{name} contains no text.", "{name} 中没有文字内容。"),
    "file.only_whitespace": ("{name} contains only whitespace.", "{name} 中只有空白字符。"),
    "file.binary": ("{name} looks like a binary file, not text.", "{name} 看起来是二进制文件，不是文本。"),
    "file.encoding": ("{name}: the text encoding is not UTF-8 or GBK/GB18030; save it as UTF-8 and import again.",
                      "{name} 的编码既不是 UTF-8 也不是 GBK/GB18030，请另存为 UTF-8 后重试。"),
    "pdf.damaged": ("{name} is damaged or not a real PDF.", "{name} 已损坏，或不是有效的 PDF 文件。"),
    "pdf.encrypted": ("{name} is password-protected — remove the password and import again.",
                      "{name} 有密码保护，请去除密码后重新导入。"),
    "pdf.no_pages": ("{name} has no pages.", "{name} 中没有页面。"),
    "pdf.too_many_pages": ("{name} has {pages} pages, more than the {limit}-page limit; split it first.",
                           "{name} 共 {pages} 页，超过 {limit} 页的上限，请先拆分。"),
    "pdf.no_such_page": ("{name} has no page {page} (it has {pages}).", "{name} 没有第 {page} 页（共 {pages} 页）。"),
    "pdf.no_text_layer": ("{name} has no text layer and no readable text (image-only pages need OCR).",
                          "{name} 没有文字层，也未能识别出文字（纯图片页面需要 OCR）。"),
    "docx.damaged": ("{name} is damaged or not a real Word file.", "{name} 已损坏，或不是有效的 Word 文件。"),
    "office.encrypted": ("{name} is password-protected — remove the password and import again.",
                         "{name} 有密码保护，请去除密码后重新导入。"),
    "xlsx.damaged": ("{name} is damaged or not a real Excel workbook.", "{name} 已损坏，或不是有效的 Excel 工作簿。"),
    "xlsx.no_cells": ("{name} has no filled cells.", "{name} 中没有填写内容的单元格。"),
    # Writing files
    "write.permission": ("Cannot write {path}: permission denied (is it open in Word or Excel?).",
                         "无法写入 {path}：没有权限（文件是否正在 Word 或 Excel 中打开？）。"),
    "write.no_space": ("Cannot write {path}: the disk is full.", "无法写入 {path}：磁盘已满。"),
    "write.failed": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    "export.bad_suffix": ("Cannot export to \"{name}\": use a {allowed} file name.",
                          "无法导出为“{name}”：请使用 {allowed} 文件名。"),
    # Models
    "model.not_found_file": ("Model file not found: {path}", "找不到模型文件：{path}"),
    "model.empty": ("{name} is empty (0 bytes). Copy the model file again.", "{name} 是空文件（0 字节），请重新复制模型文件。"),
    "model.not_gguf": ("{name} is not a GGUF model file. Analyst Desk runs GGUF models (llama.cpp format).",
                       "{name} 不是 GGUF 模型文件。本应用运行 GGUF 格式（llama.cpp）的模型。"),
    "model.truncated": ("{name} is truncated: its header ends early. Copy the model file again.",
                        "{name} 不完整：文件头提前结束，请重新复制模型文件。"),
    "model.corrupt": ("{name} has a corrupt header.", "{name} 的文件头已损坏。"),
    "model.old_gguf": ("{name} uses GGUF version {version}, which is too old; use a current GGUF file.",
                       "{name} 使用的 GGUF 版本 {version} 过旧，请使用新版 GGUF 文件。"),
    "model.short": ("{name} is truncated: {size} bytes on disk but the model needs {expected}. The copy or download "
                    "did not finish; copy the file again.",
                    "{name} 不完整：磁盘上只有 {size} 字节，模型需要 {expected} 字节。复制或下载未完成，请重新复制。"),
    "model.no_such": ("No model named '{name}' in {folder}. Run 'analyst-desk models' to see what is installed.",
                      "{folder} 中没有名为“{name}”的模型。运行 'analyst-desk models' 查看已安装的模型。"),
    "model.ambiguous": ("'{name}' matches several models ({names}); give the full file name.",
                        "“{name}”匹配到多个模型（{names}），请给出完整文件名。"),
    "model.no_memory": ("{name} needs about {needed} GiB of memory but only {free} GiB is free. Close other programs "
                        "or choose a smaller model.", "{name} 需要约 {needed} GiB 内存，但只有 {free} GiB 可用。请关闭其他程序或选择较小的模型。"),
    "model.no_runtime": ("The llama.cpp runtime (llama-cpp-python) is not installed; run the setup command from README.md.",
                         "未安装 llama.cpp 运行库（llama-cpp-python），请运行 README 中的安装命令。"),
    "model.unloadable": ("llama.cpp could not load {name}: {reason}. The file may be damaged or made for a newer llama.cpp.",
                         "llama.cpp 无法加载 {name}：{reason}。文件可能已损坏，或需要更新版本的 llama.cpp。"),
    "model.closed": ("The model was closed.", "模型已关闭。"),
    "model.none": ("No chat model found in {folder}. Run the setup command in the README, or copy a GGUF chat model "
                   "into that folder.", "在 {folder} 中找不到对话模型。请运行 README 中的安装命令，或把 GGUF 对话模型复制到该文件夹。"),
    "model.busy": ("Stop the running generation before switching models.", "请先停止正在进行的生成，再切换模型。"),
    # Meetings and recordings
    "transcript.unsupported": ("{name}: {kind} is not a transcript. Use .txt, .md, .docx, .srt or .vtt.",
                               "{name}：{kind} 不是会议记录文件，请使用 .txt、.md、.docx、.srt 或 .vtt。"),
    "transcript.is_audio": ("{name}: {kind} is a recording, not a transcript. Transcribe it first (Transcribe).",
                            "{name}：{kind} 是录音，不是会议记录文件。请先转写（转写按钮）。"),
    "audio.unsupported": ("{name}: {kind} is not a recording this app can transcribe (use {allowed}).",
                          "{name}：{kind} 不是可转写的录音格式（请使用 {allowed}）。"),
    "audio.no_track": ("{name} has no sound track to transcribe.", "{name} 中没有可转写的音轨。"),
    "audio.undecodable": ("{name} could not be decoded as audio (damaged, or another kind of file renamed).",
                          "{name} 无法作为音频解码（已损坏，或是改了扩展名的其他文件）。"),
    "audio.silent": ("{name} contains no sound (0 seconds of audio).", "{name} 中没有声音（时长 0 秒）。"),
    "whisper.not_installed": ("Transcribing recordings needs the optional speech-recognition part. Run `packaging/setup.sh` (it installs it), or `pip install \"analyst-desk[whisper]\"`.",
                              "转写录音需要可选的语音识别组件。请运行 `packaging/setup.sh`（会安装该组件），或执行 `pip install \"analyst-desk[whisper]\"`。"),
    "whisper.none": ("No speech-recognition model found in the models folder. Run `python packaging/fetch_models.py --only whisper` (setup does this), or copy a faster-whisper model folder into the models folder.",
                     "模型文件夹中没有语音识别模型。请运行 `python packaging/fetch_models.py --only whisper`（安装命令会执行此步），或把 faster-whisper 模型文件夹复制到模型文件夹。"),
    "whisper.incomplete": ("{name} is not a complete Whisper model (missing {missing}). Run `python packaging/fetch_models.py --only whisper` (setup does this), or copy a faster-whisper model folder into the models folder.",
                           "{name} 不是完整的 Whisper 模型（缺少 {missing}）。请运行 `python packaging/fetch_models.py --only whisper`（安装命令会执行此步），或把 faster-whisper 模型文件夹复制到模型文件夹。"),
    "whisper.unloadable": ("The speech model in {name} could not be loaded. Run `python packaging/fetch_models.py --only whisper` (setup does this), or copy a faster-whisper model folder into the models folder.",
                           "无法加载 {name} 中的语音模型。请运行 `python packaging/fetch_models.py --only whisper`（安装命令会执行此步），或把 faster-whisper 模型文件夹复制到模型文件夹。"),
    # Vault
    "vault.locked": ("The data folder is encrypted: unlock it with your passphrase (in the CLI, set {env}).", "数据文件夹已加密，请先输入口令解锁（命令行中请设置 {env}）。"),
    "vault.wrong_passphrase": ("The passphrase is wrong, or the file was changed.", "口令错误，或文件已被改动。"),
    "vault.enter_passphrase": ("Enter the passphrase that protects your data folder.", "请输入保护数据文件夹的口令。"),
    # Library writers
    "library.busy": ("Another Analyst Desk process is writing to this library; try again when it has finished.",
                     "另一个 Analyst Desk 进程正在写入资料库，请在其完成后重试。"),
    "library.unreadable": ("The library cannot be opened ({reason}). Your files are untouched; see the log for details.",
                           "无法打开资料库（{reason}）。原文件不受影响，详情见日志。"),
    "import.done": ("{name}: imported, {pages} pages, {passages} passages.", "{name}：已导入，{pages} 页，{passages} 段。"),
    "import.done_ocr": ("{name}: imported, {pages} pages, {passages} passages, {ocr} scanned pages read with OCR.",
                        "{name}：已导入，{pages} 页，{passages} 段，其中 {ocr} 页扫描件经文字识别。"),
    "import.updated": ("{name}: updated, {pages} pages, {passages} passages.", "{name}：已更新，{pages} 页，{passages} 段。"),
    "import.updated_ocr": ("{name}: updated, {pages} pages, {passages} passages, {ocr} scanned pages read with OCR.",
                           "{name}：已更新，{pages} 页，{passages} 段，其中 {ocr} 页扫描件经文字识别。"),
    "import.unchanged": ("{name}: already in the library, unchanged.", "{name}：已在资料库中，内容未变。"),
    "import.process_failed": ("The import stopped unexpectedly ({reason}). Files finished before are kept; "
                              "details are in the log.", "导入意外中止（{reason}）。此前已完成的文件均已保留，详情见日志。"),
    "import.cancelled": ("{name}: not imported (cancelled).", "{name}：未导入（已取消）。"),
    # Statement checks (extraction)
    "check.sum_ok": ("{label}: {total} = sum of its items", "{label}：{total} = 各项之和"),
    "check.sum_failed": ("{label} is {total} but its items add up to {sum} (difference {difference})",
                         "{label} 为 {total}，但各项之和为 {sum}（相差 {difference}）"),
    "check.balance_ok": ("Balance sheet balances: assets {assets} = liabilities and equity",
                         "资产负债表平衡：资产 {assets} = 负债和所有者权益"),
    "check.balance_failed": ("Balance sheet does not balance: assets {assets} vs liabilities and equity {other}",
                             "资产负债表不平衡：资产 {assets}，负债和所有者权益 {other}"),
    "check.identity_ok": ("{label}: {total} = {parts}", "{label}：{total} 等于 {parts}"),
    "check.identity_ok_others": ("{label}: {total} = {parts} ± the other rows between them",
                                 "{label}：{total} 等于 {parts} ± 其间的其他行"),
    "check.identity_failed": ("{label} is {total} but {parts} gives {expected} (difference {difference})",
                              "{label} 为 {total}，但 {parts} 得 {expected}（相差 {difference}）"),
    "check.flow_ok": ("{label}: {total} follows from its parts", "{label}：{total} 与其构成项相符"),
    "check.flow_failed": ("{label} is {total} but its parts give {expected} (difference {difference})",
                          "{label} 为 {total}，但其构成项合计为 {expected}（相差 {difference}）"),
    # Model server and network (team mode)
    "server.bad_address": ("'{url}' is not a server address; write it like https://llm.example:8000/v1",
                           "“{url}”不是有效的服务器地址，请写成 https://llm.example:8000/v1 这样的形式。"),
    "server.key_in_address": ("Put the API key in its own field, not in the server address.",
                              "请把 API 密钥填在单独的密钥栏中，不要写进服务器地址。"),
    "server.ca_unreadable": ("The CA file {path} cannot be read ({reason}).", "无法读取 CA 证书文件 {path}（{reason}）。"),
    "server.no_answer": ("The model server {server} did not answer ({reason}).", "模型服务器 {server} 没有响应（{reason}）。"),
    "server.not_found": ("The model server {server} cannot be found ({reason}).", "找不到模型服务器 {server}（{reason}）。"),
    "server.refused_key": ("The model server {server} refused the API key (HTTP {status}). Check the key in Settings → Model server (or ANALYST_DESK_REMOTE_KEY).",
                           "模型服务器 {server} 拒绝了 API 密钥（HTTP {status}）。请在“设置 → 模型服务器”中检查密钥（或 ANALYST_DESK_REMOTE_KEY）。"),
    "server.unavailable": ("The model server {server} is unavailable (HTTP {status}).", "模型服务器 {server} 暂不可用（HTTP {status}）。"),
    "server.rejected": ("The model server {server} rejected the request (HTTP {status}): {reason}",
                        "模型服务器 {server} 拒绝了请求（HTTP {status}）：{reason}"),
    "server.no_such_model": ("The model server {server} does not serve '{model}'. It serves: {names}.",
                             "模型服务器 {server} 没有提供模型“{model}”。它提供的模型：{names}。"),
    "server.no_models": ("The model server {server} lists no models.", "模型服务器 {server} 没有列出任何模型。"),
    "server.stream_error": ("The model server {server} stopped with an error: {reason}", "模型服务器 {server} 出错并停止：{reason}"),
    "server.stopped_early": ("The model server {server} stopped before answering ({reason}).",
                             "模型服务器 {server} 在回答前就停止了（{reason}）。"),
    "server.window_learned": ("The prompt was longer than the server model's window ({tokens} tokens, which the app did not know until now). Try again: prompts are now planned for that window.",
                              "提示词超过了服务器模型的上下文窗口（{tokens} 个词元，此前应用并不知道）。请重试：之后的提示词会按该窗口规划。"),
    "server.no_local_fallback": ("No local model is set up to answer when the model server cannot be reached.",
                                 "未设置本机模型，模型服务器无法连接时没有模型可以回答。"),
    "server.fallback_failed": ("{cause} The local model cannot answer instead: {reason}", "{cause} 本机模型也无法代为回答：{reason}"),
    "server.fallback_too_long": ("{cause} The prompt ({tokens} tokens) was planned for the server's window and does not fit the local model's ({window}); try again.",
                                 "{cause} 提示词（{tokens} 个词元）是按服务器窗口规划的，超出了本机模型的窗口（{window}），请重试。"),
    "server.key_locked": ("The model server's API key is stored encrypted: unlock the data folder with your passphrase (in the CLI, set {passphrase_env}), or give the key in {key_env}.",
                          "模型服务器的 API 密钥已加密保存：请用口令解锁数据文件夹（命令行中设置 {passphrase_env}），或通过 {key_env} 提供密钥。"),
    "server.key_needs_encryption": ("To save an API key, turn on encryption (Settings → Encryption) so the key is stored encrypted — or give it to the app in {key_env}.",
                                    "要保存 API 密钥，请先开启加密（设置 → 加密），使密钥加密保存；或通过 {key_env} 提供密钥。"),
    "network.bad_host": ("'{text}' is not a host name.", "“{text}”不是有效的主机名。"),
    "network.bad_port": ("'{text}': the port must be a number.", "“{text}”：端口必须是数字。"),
    "network.blocked": ("Blocked a network connection to {target}: Analyst Desk works offline except for the model servers your administrator allowed ({reason}).",
                        "已阻止到 {target} 的网络连接：Analyst Desk 离线工作，只连接管理员允许的模型服务器（{reason}）。"),
    "check.not_checked": ("{label} not checked: no {missing} line", "{label} 未核查：缺少“{missing}”行"),
    "check.not_checked_rows": ("{label} not checked: which of {rows} take part is unclear",
                               "{label} 未核查：{rows} 是否计入不明确"),
    # Jobs
    "job.cancelled": ("Stopped.", "已停止。"),
    "job.unexpected": ("Something went wrong: {reason}. Details are in the log.", "出现意外错误：{reason}。详情已写入日志。"),
    # Library, commands and templates (issue 22: every raise a code)
    "library.no_document": ("No document '{name}' in the library. See: analyst-desk index list",
                            "资料库中没有文档“{name}”。请查看：analyst-desk index list"),
    "library.not_found": ("No library found at {folder} (the folder is missing, not reachable, or nothing has been "
                          "imported into it yet).", "在 {folder} 找不到资料库（文件夹不存在、无法访问，或尚未导入任何文档）。"),
    "library.shared_read_only": ("The library at {folder} is shared and read-only here; documents are added to it by "
                                 "its administrator.", "{folder} 的资料库是共享库，在此只读；文档由管理员添加。"),
    "library.other_embedder": ("The library at {folder} is indexed with the embedder {recorded}, but this installation "
                               "uses {current}. Use the same embedding model setting, or restart to re-embed.",
                               "{folder} 的资料库使用嵌入模型 {recorded} 建立索引，而本机使用 {current}。"
                               "请使用相同的嵌入模型设置，或重启以重新嵌入。"),
    "library.unknown_report_type": ("Unknown report type '{report_type}'. Use one of: {choices}.",
                                    "未知的报告类型“{report_type}”。可选：{choices}。"),
    "library.bad_period": ("'{period}' is not a report period. Write it as 2024, 2024H1, 2024Q1 or 2024Q3.",
                           "“{period}”不是报告期。请写成 2024、2024H1、2024Q1 或 2024Q3。"),
    "library.read_only": ("The library at {folder} is open read-only here; it cannot be changed.",
                          "{folder} 的资料库在此以只读方式打开，不能修改。"),
    "library.shared_document": ("'{name}' is in the shared department library, which is read-only here; its "
                                "administrator removes documents from it.",
                                "“{name}”在部门共享资料库中，在此只读；由管理员删除其中的文档。"),
    "library.store_read_only": ("This library is open read-only (a shared library); it cannot be changed here.",
                                "此资料库以只读方式打开（共享资料库），不能在此修改。"),
    "library.busy_waited": ("Another process is writing to this library{who} after waiting {seconds} s. Try again when "
                            "it has finished.", "另一个进程正在写入此资料库{who}，已等待 {seconds} 秒。请在其完成后重试。"),
    "library.busy_no_wait": ("Another process is writing to this library{who} and this writer was told not to wait. "
                             "Try again when it has finished.", "另一个进程正在写入此资料库{who}，本次写入设为不等待。请在其完成后重试。"),
    "audit.key_damaged": ("The audit key {path} is damaged ({size} bytes): restore it from a backup.",
                          "审计密钥 {path} 已损坏（{size} 字节）：请从备份恢复。"),
    "audit.key_locked": ("The audit log's key is kept in the encrypted vault: unlock the data folder with its "
                         "passphrase (in the CLI, set ANALYST_DESK_PASSPHRASE).",
                         "审计日志的密钥保存在加密保险库中：请用口令解锁数据文件夹（命令行中设置 ANALYST_DESK_PASSPHRASE）。"),
    "audit.not_recorded": ("Not recorded in the audit log: {reason}",
                           "未记入审计日志：{reason}"),
    "audit.required_withheld": ("The output is withheld: the administrator's policy requires every output to be "
                                "recorded in the audit log, and this one could not be ({reason}).",
                                "输出已被扣留：管理员策略要求每次输出都记入审计日志，本次未能记入（{reason}）。"),
    "template.unreadable": ("Template {name} cannot be read: {reason}", "无法读取模板 {name}：{reason}"),
    "template.no_sections": ("Template {name} needs a non-empty \"sections\" list.", "模板 {name} 需要非空的 \"sections\" 列表。"),
    "template.bad_section": ("Template {name}: section {index} needs a title and an instruction.",
                             "模板 {name}：第 {index} 节需要标题（title）和说明（instruction）。"),
    "template.not_found": ("No template called \"{name}\". Available: {available}.", "没有名为“{name}”的模板。可用：{available}。"),
    "cli.draft_needs_args": ("draft needs --template, --subject and -o (or --list-templates).",
                             "draft 需要 --template、--subject 和 -o（或 --list-templates）。"),
    "cli.draft_output_suffix": ("-o must end in .docx or .md", "-o 的文件名须以 .docx 或 .md 结尾"),
    "cli.path_not_found": ("{path} not found.", "找不到 {path}。"),
    "extract.no_tables": ("No tables found in {name}.", "在 {name} 中未找到表格。"),
    "extract.no_tables_on_pages": ("No tables found in {name} on pages {pages}.", "在 {name} 的第 {pages} 页未找到表格。"),
    "cli.figures_need_fields": ("Give at least one field, e.g. --fields {example}", "请至少给出一个字段，例如 --fields {example}"),
    "cli.bad_date": ("--date must be YYYY-MM-DD, not \"{text}\".", "--date 须为 YYYY-MM-DD 格式，而不是“{text}”。"),
    "cli.output_suffix": ("{target}: use one of {suffixes}.", "{target}：请使用以下扩展名之一：{suffixes}。"),
    "cli.minutes_need_output": ("Say where the minutes go: -o minutes.docx, --actions actions.xlsx or --json.",
                                "请指定纪要的输出：-o minutes.docx、--actions actions.xlsx 或 --json。"),
    "meeting.no_speech": ("No speech was recognised in {name}.", "在 {name} 中没有识别出语音。"),
    "meeting.no_date": ("{name} does not say when the meeting was; pass --date YYYY-MM-DD so due dates like "
                        "\"next Friday\" can be resolved.", "{name} 没有写明会议日期；请传入 --date YYYY-MM-DD，以便解析“下周五”之类的截止日期。"),
    "meeting.no_spoken_lines": ("{name} has no spoken lines to summarise.", "{name} 中没有可供总结的发言。"),
    # What a model is for, as the model picker and the status bar name it (the file name is on hover).
    "model.purpose_fast": ("Local small model · fast", "本机小模型 · 快速"),
    "model.purpose_accurate": ("Local model · more accurate", "本机模型 · 更准确"),
    "model.purpose_most_accurate": ("Local large model · most accurate, slower", "本机大模型 · 最准确（较慢）"),
    "model.purpose_unknown": ("Local model", "本机模型"),
    "model.purpose_test": ("Test model (English only)", "测试用模型（仅英文）"),
    # A summary table (简要合并利润表, 主要财务数据) checked against the full statement of the same document.
    "check.reference_ok": ("{label} ({period}): {amount} {unit} on p.{page} agrees with the full statement's "
                           "{other} {other_unit} on p.{other_page}",
                           "{label}（{period}）：第 {page} 页的 {amount}{unit} 与第 {other_page} 页完整报表的 "
                           "{other}{other_unit} 一致"),
    "check.reference_failed": ("{label} ({period}) is {amount} {unit} on p.{page} but the full statement on "
                               "p.{other_page} prints {other} {other_unit}",
                               "{label}（{period}）第 {page} 页为 {amount}{unit}，但第 {other_page} 页完整报表为 "
                               "{other}{other_unit}，两者不符"),
    "check.reference_no_line": ("{label} not checked: the full statement (p.{pages}) has no {label} line",
                                "{label} 未核查：完整报表（第 {pages} 页）中没有“{label}”行"),
    "check.reference_no_period": ("{label} not checked: the full statement (p.{pages}) prints no {label} amount for "
                                  "{period}", "{label} 未核查：完整报表（第 {pages} 页）中没有“{label}”{period}的金额"),
    "check.reference_unconfirmed": ("{label} ({period}) not checked: {amount} {unit} on p.{page} differs from the full "
                                    "statement's {other} {other_unit} (p.{other_page}), and too few other lines of "
                                    "its column agree to tell a misread figure from another company's or another "
                                    "basis's figures",
                                    "{label}（{period}）未核查：第 {page} 页的 {amount}{unit} 与第 {other_page} 页完整报表的 "
                                    "{other}{other_unit} 不同，但该列其他行与完整报表一致的太少，无法判断是识别错误，"
                                    "还是其他公司或其他口径的数字"),
    "check.reference_no_statement": ("{label} not checked against a full statement: no full {statement} among "
                                     "the tables read", "{label} 未与完整报表核对：所读表格中没有完整的{statement}"),
    "check.reference_no_unit": ("{label} not checked against the full statement: the table states no unit",
                                "{label} 未与完整报表核对：该表未注明金额单位"),
}


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: dict | None = None, language: str = "en") -> str:
    """The message for ``code`` in ``language`` ("en" or "zh"), its fields filled from ``params``.

    An unknown code or a missing parameter never raises: the user sees the code or the field name
    rather than a crash while an error is being reported.
    """
    texts = MESSAGES.get(code)
    if texts is None:
        log.warning("No message for code %r", code)
        return code
    template = texts[1] if language == "zh" else texts[0]
    return Formatter().vformat(template, (), _Safe(params or {}))


def fields(code: str) -> set[str]:
    """The parameter names a code's messages use (both languages must agree; tested)."""
    names: set[str] = set()
    for template in MESSAGES[code]:
        names |= {name for _, name, _, _ in Formatter().parse(template) if name}
    return names
