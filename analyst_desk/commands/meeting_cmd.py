"""``analyst-desk meeting summarize FILE`` and ``analyst-desk meeting transcribe AUDIO``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from analyst_desk.commands.common import add_model_option, open_chat_engine, print_json
from analyst_desk.core.errors import AppError


def register(subparsers) -> None:
    parser = subparsers.add_parser("meeting", help="minutes from a transcript or recording; transcribe audio")
    commands = parser.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    summarize = commands.add_parser("summarize", help="structured minutes, every item traced to its line")
    summarize.add_argument("file", help="transcript (.txt .md .docx .srt .vtt) or recording (.wav .mp3 .m4a)")
    summarize.add_argument("--date", help="meeting date YYYY-MM-DD (needed when the transcript does not say)")
    summarize.add_argument("--lang", choices=["zh", "en"], help="language of the minutes (default: the transcript's)")
    summarize.add_argument("-o", "--output", help="minutes.docx or minutes.md")
    summarize.add_argument("--actions", help="also write the action items to this .xlsx")
    summarize.add_argument("--json", action="store_true", help="print the minutes as JSON")
    add_model_option(summarize)
    summarize.set_defaults(handler=run_summarize)

    transcribe = commands.add_parser("transcribe", help="transcribe a recording offline (Whisper)")
    transcribe.add_argument("audio", help=".wav .mp3 .m4a …")
    transcribe.add_argument("-o", "--output", required=True, help="transcript.txt")
    transcribe.add_argument("--lang", help="spoken language, e.g. zh or en (default: detect)")
    transcribe.set_defaults(handler=run_transcribe)


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise AppError(code="cli.bad_date", params={"text": text}) from exc


def _transcribe(path: Path, language: str | None):
    from analyst_desk.core.meeting.transcription import transcribe
    from analyst_desk.core.progress import Progress

    def show(progress: Progress) -> None:
        print(f"\rTranscribing {progress.done}/{progress.total} s", end="", file=sys.stderr, flush=True)

    result = transcribe(path, language=language, progress=show)
    print(f"\rTranscribed {result.duration:.0f} s of audio in {result.elapsed:.1f} s "
          f"(real-time factor {result.real_time_factor:.2f}).", file=sys.stderr)
    return result


def run_transcribe(args) -> int:
    from analyst_desk.commands.common import audit_gate
    from analyst_desk.core.compliance.audit_watch import AuditWatch
    from analyst_desk.core.meeting.export import write_atomic
    from analyst_desk.core.meeting.transcription import record_transcript
    from analyst_desk.core.services import Services

    result = _transcribe(Path(args.audio), args.lang)
    text = result.text
    if not text.strip():
        raise AppError(code="meeting.no_speech", params={"name": Path(args.audio).name})
    # A transcript is an output too: recorded before it is written, marked or withheld like the others.
    audit = Services().audit
    watch = AuditWatch.watch(audit, "meeting")
    record_transcript(audit, Path(args.audio).name, result)
    audit_gate(audit, watch)  # AuditNotRecorded under the policy: exit 1, no file written
    write_atomic(Path(args.output), (text + "\n").encode("utf-8"))
    print(f"Saved {args.output}", file=sys.stderr)
    return 0


def run_summarize(args) -> int:
    from analyst_desk.core.meeting.export import export_actions, export_minutes
    from analyst_desk.core.meeting.summarize import summarize_meeting
    from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
    from analyst_desk.core.meeting.transcription import AUDIO_SUFFIXES
    from analyst_desk.core.services import Services

    path = Path(args.file)
    for target, suffixes in ((args.output, {".docx", ".md", ".markdown"}), (args.actions, {".xlsx"})):
        if target and Path(target).suffix.lower() not in suffixes:
            raise AppError(code="cli.output_suffix", params={"target": str(target), "suffixes": ", ".join(sorted(suffixes))})
    if not (args.output or args.actions or args.json):
        raise AppError(code="cli.minutes_need_output")
    text = _transcribe(path, None).text if path.suffix.lower() in AUDIO_SUFFIXES else read_transcript_text(path)
    transcript = parse_transcript(text, source_name=path.name)
    meeting_date = _parse_date(args.date) or transcript.date
    if meeting_date is None:
        raise AppError(code="meeting.no_date", params={"name": path.name})
    if not transcript.speech:
        raise AppError(code="meeting.no_spoken_lines", params={"name": path.name})
    from analyst_desk.commands.common import audit_gate
    from analyst_desk.core.compliance.audit import audit_required
    from analyst_desk.core.compliance.audit_watch import AuditWatch

    services = Services()
    engine = open_chat_engine(args, settings=services.settings)
    try:
        # Under the policy that requires auditing, nothing is shown or written before the minutes' record is.
        streamed = not args.json and not audit_required()
        watch = AuditWatch.watch(services.audit, "meeting")

        def on_chunk(piece: str) -> None:
            if streamed:
                sys.stderr.write(piece)
                sys.stderr.flush()

        minutes = summarize_meeting(transcript, engine, meeting_date=meeting_date, language=args.lang,
                                    on_chunk=on_chunk, audit=services.audit)
        if streamed:
            sys.stderr.write("\n")
        audit_gate(services.audit, watch)  # AuditNotRecorded under the policy: exit 1, no file written
        if args.output:
            export_minutes(minutes, Path(args.output), services.settings)
            print(f"Saved {args.output}", file=sys.stderr)
        if args.actions:
            export_actions(minutes, Path(args.actions), {l.number: l.raw for l in transcript.lines},
                           services.settings)
            print(f"Saved {args.actions}", file=sys.stderr)
        if args.json:
            print_json(minutes.to_json())
        else:
            for item in minutes.action_items:
                print(f"- {item.task} | {item.owner_label(minutes.language)} | {item.due_label(minutes.language)} | "
                      f"lines {', '.join(map(str, item.lines))}" + (f" | ⚠ {'; '.join(item.flags)}" if item.flags else ""))
        print(f"{len(minutes.action_items)} action item(s), {len(minutes.decisions)} decision(s), {minutes.flag_count} "
              f"to check; {minutes.total_seconds:.1f} s ({minutes.model_seconds:.1f} s in the model).", file=sys.stderr)
    finally:
        engine.close()
        services.close()
    return 0
