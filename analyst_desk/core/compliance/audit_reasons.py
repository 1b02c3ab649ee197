"""Why a record could not be written, in the UI's language.

The audit log keeps the operating system's own words ("[Errno 28] No space left on device"): they go to
the log file and the record of the gap as they are, for IT. A Chinese window shows the same reason in
Chinese, with the error number kept so IT can still match it: "磁盘空间不足（错误 28）".
"""

from __future__ import annotations

import errno
import re

#: errno → what the user can act on, in Chinese.
_ERRNO_ZH = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘为只读",
    errno.EIO: "磁盘读写错误",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EBUSY: "文件正被占用",
    errno.ENAMETOOLONG: "路径过长",
    errno.EMFILE: "打开的文件过多",
}
#: Windows error codes Python reports as "[WinError N]".
_WINERROR_ZH = {112: "磁盘空间不足", 39: "磁盘空间不足", 5: "没有写入权限", 19: "磁盘为只读（写保护）",
                32: "文件正被其他程序占用", 33: "文件的一部分被其他程序锁定", 3: "找不到路径", 2: "找不到文件"}
_OS_ERROR = re.compile(r"\[(Errno|WinError) (\d+)\][^;]*")


def reason_words(reason: str, language: str) -> str:
    """``reason`` with each operating-system error in it said in ``language`` ("zh"; English is kept)."""
    if language != "zh" or not reason:
        return reason

    def said(match: re.Match) -> str:
        number = int(match.group(2))
        words = (_ERRNO_ZH if match.group(1) == "Errno" else _WINERROR_ZH).get(number)
        label = "错误" if match.group(1) == "Errno" else "Windows 错误"
        return f"{words}（{label} {number}）" if words else f"系统{label} {number}"

    return _OS_ERROR.sub(said, reason)
