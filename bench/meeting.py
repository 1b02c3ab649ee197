"""Meeting benchmark: are the minutes right, and how long do they take?

1. Both gold folders — the dev set (``tests/data/meeting/devset``, tuned on) and the validation split
   (``tests/data/validation/meeting``, written by another hand, never read or tuned on: only scored
   here), the second validation split (``tests/data/meeting/validation2``, written before the rules were
   read that time, never tuned on) the third (``tests/data/meeting/validation3``), the fourth (``tests/data/meeting/validation4``) and the
   fifth (``tests/data/meeting/validation5``),
   each written before any code change of its session, never tuned on — per style and in total: precision and recall of action items with the right owner AND due
   date AND task (its lines), decisions recall, invented items, owners outside the meeting, and
   seconds per meeting. Rows:
   - ``cue phrases before issue 23``: the meeting rules of commit bb37335, read from git into a
     temporary package — the baseline;
   - ``cue phrases alone``: today's rules without any model (roster, dialogue tracker, cue phrases) —
     the items the app shows, since the model does not decide items;
   - ``app: rules + <model>``: the whole pipeline (summary and task wordings by the model), its items
     and its seconds per meeting, for the 0.5B and 1.5B models;
   - with ``--propose``, ``rules + checked <model> proposals``: the model also proposes items, the
     transcript checks them, the accepted ones are merged.
2. The 32-line meeting end to end with the default model (target ≤ 60 s on 2 cores).
3. The two-hour meeting and Whisper's real-time factor (``bench/meeting_audio.py``), unless skipped.

Model runs are long on 2 shared cores: ``--split`` and ``--models`` cut a run into pieces (each under
``cpulock``, < 10 minutes); ``--per-style N`` times only the first N meetings of each style with the model.

Usage: python bench/meeting.py [--split dev|validation] [--models A.gguf,B.gguf] [--per-style N] [--limit N] [--propose]
       [--no-rules] [--no-32] [--long] [--audio]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_MODEL = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
LARGER_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
#: The splits written before a session's code changes and never read since: only their totals are printed, not even
#: their kinds of misses.
UNTOUCHED = ("validation4", "validation5")
SPLITS = ("dev", "validation", "validation2", "validation3", "validation4", "validation5")
MODELS = Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models")


def _load(model: str, threads: int):
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    return LlamaEngine(_path(model), LoadOptions(context_size=4096, threads=threads)).load()


def _path(model: str) -> Path:
    """A model file name in the models folder, or a path."""
    return Path(model) if os.sep in model else MODELS / model


def _short(model: str) -> str:
    return Path(model).name.split("-instruct")[0].replace("qwen2.5-coder-", "")


def _minutes_of(found, transcript):
    from analyst_desk.core.meeting.minutes import Minutes
    from analyst_desk.core.meeting.summarize import build_items

    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=transcript.attendees)
    build_items(minutes, found, transcript, transcript.language)
    return minutes


def _meetings(split: str | None):
    from tests.meeting_devset import (
        DEVSET,
        VALIDATION,
        VALIDATION2,
        VALIDATION3,
        VALIDATION4,
        VALIDATION5,
        gold_meetings,
    )

    folders = {"dev": DEVSET, "validation": VALIDATION, "validation2": VALIDATION2, "validation3": VALIDATION3,
               "validation4": VALIDATION4, "validation5": VALIDATION5}
    out = []
    for name, folder in folders.items():
        if split in (None, name):
            out += gold_meetings(folder=folder)
    return out


class Table:
    """Scores and seconds by (source, model, folder, style)."""

    def __init__(self):
        from tests.meeting_devset import Score

        self.scores = defaultdict(Score)
        self.seconds = defaultdict(float)
        self.count = defaultdict(int)
        self.misses: list[str] = []
        self.categories: dict[tuple[str, str], Counter] = defaultdict(Counter)

    def add(self, source: str, model: str, meeting, score, seconds: float, categories: Counter | None = None) -> None:
        for style in (meeting.style, "ALL"):
            key = (source, model, meeting.folder, style)
            self.scores[key] = self.scores[key] + score
            self.seconds[key] += seconds
            self.count[key] += 1
        if meeting.folder == "dev":  # validation misses are not printed: nobody tunes on them
            self.misses += [f"[{source} {model}] {m}" for m in score.misses]
        if categories is not None and meeting.folder not in UNTOUCHED:  # the untouched split: its total only
            self.categories[source, meeting.folder] += categories

    def print_categories(self) -> None:
        """Misses counted by kind per split — no line, name or wording, so a validation split can be read this way."""
        for (source, folder), counts in sorted(self.categories.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            print(f"\nmiss kinds, {source}, {folder}: " + ", ".join(f"{kind} {n}" for kind, n in counts.most_common()))

    def print(self) -> None:
        print(f"\n{'source':38} {'model':8} {'split':10} {'style':12} {'n':>3} {'P':>5} {'R':>5} {'right/pred/gold':>15} "
              f"{'decisions':>9} {'dec R':>5} {'invent':>6} {'outsdr':>6} {'s/meeting':>9}")
        for key in sorted(self.scores, key=lambda k: (k[2], k[0], k[1], k[3] == "ALL", k[3])):
            s, n = self.scores[key], self.count[key]
            source, model, folder, style = key
            dec_r = s.decisions_found / s.decisions_gold if s.decisions_gold else 1.0
            print(f"{source:38} {model:8} {folder:10} {style:12} {n:3d} {s.precision:5.2f} {s.recall:5.2f} "
                  f"{f'{s.right}/{s.predicted}/{s.gold}':>15} {f'{s.decisions_found}/{s.decisions_gold}':>9} {dec_r:5.2f} "
                  f"{s.invented:6d} {s.outsider_owners:6d} {self.seconds[key] / n:9.2f}")


def miss_kinds(meeting, minutes) -> Counter:
    """What went wrong, by kind only (the scorer's matching): owner, due date, extra, missed, decisions."""
    from tests.meeting_devset import _due_right, _squash

    kinds: Counter = Counter()
    used: set[int] = set()
    decision_lines = {n for g in meeting.decisions for n in g["lines"]}
    for item in minutes.action_items:
        match = next((i for i, g in enumerate(meeting.actions) if i not in used and set(g["lines"]) & set(item.lines)), None)
        if match is None:
            twin = any(set(g["lines"]) & set(item.lines) for g in meeting.actions)
            kinds["task: extra item on a task already matched" if twin else "task: on a decision's line"
                  if set(item.lines) & decision_lines else "task: invented (no gold line)"] += 1
            continue
        gold = meeting.actions[match]
        owner_ok = item.owner == (gold.get("owner") or "")
        due_ok = _due_right(item.due, gold["due"])
        if owner_ok and due_ok:
            used.add(match)
            continue
        why = []
        if not owner_ok:
            why.append("owner empty" if not item.owner else "owner outsider expected" if not gold.get("owner")
                       else "owner another attendee")
        if not due_ok:
            said = item.due.date if item.due else None
            gold_date = gold["due"][:10] if gold["due"] else None
            why.append("due missing" if said is None else "due where none" if gold_date is None
                       else "due time of day" if str(said) == gold_date else
                       "due later" if str(said) > gold_date else "due earlier")
        kinds["task: " + " + ".join(why)] += 1
    kinds["task: missed (nothing on its lines)"] += sum(
        1 for i, g in enumerate(meeting.actions) if i not in used
        and not any(set(g["lines"]) & set(item.lines) for item in minutes.action_items))
    for gold in meeting.decisions:
        near = [d for d in minutes.decisions if set(d.lines) & set(gold["lines"])]
        if not near:
            kinds["decision: missed"] += 1
        elif not any(_squash(gold["must_contain"]) in _squash(d.text + d.quote) for d in near):
            kinds["decision: on its line, other words"] += 1
    gold_lines = {n for g in [*meeting.actions, *meeting.decisions] for n in g["lines"]}
    kinds["decision: invented"] += sum(1 for d in minutes.decisions if not set(d.lines) & gold_lines)
    return +kinds


def rules_rows(table: Table, meetings, transcripts) -> None:
    from analyst_desk.core.meeting.detection import find_items
    from tests.meeting_devset import score_minutes

    for m in meetings:
        t = transcripts[m.name, m.folder]
        start = time.perf_counter()
        found = find_items(t, t.date)
        seconds = time.perf_counter() - start
        minutes = _minutes_of(found, t)
        table.add("cue phrases alone (no model)", "-", m, score_minutes(m, minutes, t), seconds, miss_kinds(m, minutes))


#: The meeting rules as they were before issue 23 (the package rename's commit): the baseline row.
BEFORE = "bb37335"


def before_rows(table: Table, meetings, commit: str = BEFORE, label: str = "cue phrases before issue 23") -> None:
    """Cue phrases as they were at ``commit``, scored on the same gold, in the same run: the baseline."""
    import importlib
    import tempfile

    from tests.meeting_devset import score_minutes

    package = f"_meeting_{commit}"
    folder = Path(tempfile.mkdtemp(prefix="meeting-before-")) / package
    folder.mkdir(parents=True)
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, "analyst_desk/core/meeting/"],
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if not name.endswith(".py"):
            continue
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{name}"], capture_output=True, text=True,
                                check=True).stdout
        (folder / Path(name).name).write_text(source.replace("analyst_desk.core.meeting", package), encoding="utf-8")
    sys.path.insert(0, str(folder.parent))
    detection = importlib.import_module(f"{package}.detection")
    transcript_mod = importlib.import_module(f"{package}.transcript")
    summarize = importlib.import_module(f"{package}.summarize")
    minutes_mod = importlib.import_module(f"{package}.minutes")
    for m in meetings:
        t = transcript_mod.parse_transcript(transcript_mod.read_transcript_text(m.path), source_name=m.name)
        start = time.perf_counter()
        found = detection.find_items(t, t.date)
        seconds = time.perf_counter() - start
        minutes = minutes_mod.Minutes(title="", date=t.date, language=t.language, attendees=t.attendees)
        summarize.build_items(minutes, found, t, t.language)
        table.add(f"{label} ({commit})", "-", m, score_minutes(m, minutes, t), seconds)


def model_rows(table: Table, meetings, transcripts, model: str, threads: int, per_style: int, propose: bool,
               limit: int = 0) -> None:
    from analyst_desk.core.meeting.summarize import summarize_meeting
    from tests.meeting_devset import score_minutes

    engine = _load(model, threads)
    taken: dict[tuple[str, str], int] = defaultdict(int)
    try:
        for m in meetings:
            if per_style and taken[m.folder, m.style] >= per_style:
                continue
            if limit and sum(n for (folder, _), n in taken.items() if folder == m.folder) >= limit:
                continue
            taken[m.folder, m.style] += 1
            t = transcripts[m.name, m.folder]
            start = time.perf_counter()
            minutes = summarize_meeting(t, engine, propose=propose)
            seconds = time.perf_counter() - start
            source = "rules + checked model proposals" if propose else "app: rules + model (summary, wording)"
            table.add(source, _short(model), m, score_minutes(m, minutes, t), seconds)
            print(f"  {_short(model)} {m.folder}/{m.style}: {seconds:5.1f} s, {minutes.model_tokens} tokens", flush=True)
    finally:
        engine.close()


def thirty_two_line_meeting(model: str, threads: int) -> None:
    from analyst_desk.core.meeting.summarize import summarize_meeting
    from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
    from tests.meeting_devset import DEVSET

    path = DEVSET / "zh_long_quarterly_multi_topic.txt"
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    engine = _load(model, threads)
    start = time.perf_counter()
    minutes = summarize_meeting(transcript, engine)
    wall = time.perf_counter() - start
    engine.close()
    print(f"\n32-line meeting ({len(transcript.lines)} lines, {len(transcript.speech)} spoken), {_short(model)}: "
          f"{wall:.1f} s wall ({minutes.model_seconds:.1f} s in the model, {minutes.model_tokens} tokens written); "
          f"{len(minutes.action_items)} tasks, {len(minutes.decisions)} decision(s) — target ≤ 60 s on 2 cores")
    for item in minutes.action_items:
        print(f"  - {item.owner} | {item.due.label() if item.due else '-'} | lines {item.lines} | {item.task}")


def bare_tokens_per_second(model_path: Path, threads: int, prompt: str) -> tuple[float, int]:
    from llama_cpp import Llama

    llm = Llama(model_path=str(model_path), n_ctx=4096, n_threads=threads, n_threads_batch=threads, seed=42,
                verbose=False)
    start, first, count = time.perf_counter(), None, 0
    for event in llm.create_chat_completion(messages=[{"role": "user", "content": prompt}], stream=True,
                                            max_tokens=200, temperature=0.1):
        if event["choices"][0].get("delta", {}).get("content"):
            count += 1
            first = first or time.perf_counter()
    total = time.perf_counter() - start
    llm.close()
    rate = (count - 1) / (time.perf_counter() - first) if count > 1 and first else 0.0
    return rate, int(total * 1000)


def long_meeting(model: str, threads: int, segments: int) -> None:
    from analyst_desk.core.meeting.summarize import chunk_transcript, summarize_meeting
    from analyst_desk.core.meeting.transcript import parse_transcript
    from tests.meeting_docs import long_chinese_meeting

    text, planted = long_chinese_meeting(segments)
    model_path = _path(model)
    print(f"\ntwo-hour meeting: transcript {len(text):,} characters, {text.count(chr(10)):,} lines, "
          f"{len(planted)} planted tasks; model {model}")
    engine = _load(model, threads)
    start = time.perf_counter()
    transcript = parse_transcript(text)
    minutes = summarize_meeting(transcript, engine)
    wall = time.perf_counter() - start
    found = sum(1 for p in planted if any(p.line in i.lines and i.owner == p.owner for i in minutes.action_items))
    app_seconds = wall - minutes.model_seconds
    rate = minutes.model_tokens / minutes.model_seconds if minutes.model_seconds else 0.0
    print(f"minutes               : {wall:6.1f} s wall, {minutes.chunks} chunks, {len(minutes.action_items)} action items "
          f"({found}/{len(planted)} planted tasks with the right owner and line)")
    print(f"time in the model     : {minutes.model_seconds:6.1f} s ({minutes.model_seconds / wall:5.1%}), "
          f"{minutes.model_tokens} tokens written, {rate:5.1f} tokens/s including prefill")
    print(f"time in the app       : {app_seconds:6.2f} s ({app_seconds / wall:5.1%}) — parsing, detection, verdicts, "
          "tracing, checks")
    chunks = chunk_transcript(transcript, engine)
    engine.close()
    prompt = "会议记录：\n" + chunks[0] + "\n\n用两三句话概括这段会议讨论了什么、定了什么。"
    bare_rate, bare_ms = bare_tokens_per_second(model_path, threads, prompt)
    print(f"bare llama-cpp-python : {bare_rate:5.1f} tokens/s decoding on the first chunk's summary prompt "
          f"({bare_ms} ms for the call)")


def audio_benchmark(threads: int) -> None:
    """Transcription speed, app vs raw faster-whisper with identical settings: ``bench/meeting_audio.py``."""
    print("\ntranscription (bench/meeting_audio.py):", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "meeting_audio.py"), "--threads", str(threads)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=list(SPLITS), help="only this gold folder (default both)")
    parser.add_argument("--models", help=f"comma-separated names in the models folder or paths; default {DEFAULT_MODEL} "
                                         f"and {LARGER_MODEL} if present; 'none' for the rules only")
    parser.add_argument("--per-style", type=int, default=0, help="time only the first N meetings of each style with a model")
    parser.add_argument("--limit", type=int, default=0, help="at most N meetings of each folder with a model")
    parser.add_argument("--propose", action="store_true", help="the model also proposes items (checked, merged)")
    parser.add_argument("--no-rules", action="store_true", help="skip the rules-alone rows")
    parser.add_argument("--no-32", action="store_true", help="skip the 32-line meeting")
    parser.add_argument("--misses", action="store_true", help="print the dev set's misses")
    parser.add_argument("--since", help="also score the meeting rules as they were at this commit")
    parser.add_argument("--kinds", action="store_true", help="count every split's misses by kind (no lines, names or words)")
    parser.add_argument("--long", action="store_true", help="also the two-hour meeting")
    parser.add_argument("--segments", type=int, default=30, help="client segments in the generated two-hour meeting")
    parser.add_argument("--audio", action="store_true", help="also transcription speed")
    args = parser.parse_args()

    from analyst_desk.core.config import default_threads
    from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text

    threads = default_threads()
    if args.models == "none":
        models = []
    else:
        models = args.models.split(",") if args.models else [m for m in (DEFAULT_MODEL, LARGER_MODEL)
                                                             if _path(m).exists()]
    meetings = _meetings(args.split)
    print(f"machine: {os.cpu_count()} cores (os.cpu_count()), {threads} threads; models: "
          f"{', '.join(Path(m).name for m in models) or 'none'}; {dt.date.today()}; meetings: "
          + ", ".join(f"{f} {sum(1 for m in meetings if m.folder == f)}" for f in SPLITS), flush=True)
    transcripts = {(m.name, m.folder): parse_transcript(read_transcript_text(m.path), source_name=m.name) for m in meetings}
    table = Table()
    if not args.no_rules:
        before_rows(table, meetings)
        if args.since:  # e.g. the session's first commit: what this session's changes did, in the same run
            before_rows(table, meetings, args.since, "rules at")
        rules_rows(table, meetings, transcripts)
    for model in models:
        model_rows(table, meetings, transcripts, model, threads, args.per_style, args.propose, args.limit)
    table.print()
    if args.misses and table.misses:
        print("\ndev misses:\n  " + "\n  ".join(table.misses))
    if args.kinds:
        table.print_categories()
    if models and not args.no_32:
        thirty_two_line_meeting(models[0], threads)
    if args.long and models:
        long_meeting(models[0], threads, args.segments)
    if args.audio:
        audio_benchmark(threads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
