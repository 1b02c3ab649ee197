"""``analyst-desk generate "prompt"``: stream an answer to stdout, timing to stderr."""

from __future__ import annotations

import sys

from analyst_desk.commands.common import add_model_option, open_chat_engine


def register(subparsers) -> None:
    parser = subparsers.add_parser("generate", help="stream an answer from the local model")
    parser.add_argument("prompt", help="what to ask")
    add_model_option(parser)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--temperature", type=float, default=0.2)
    parser.add_argument("--system", default="", help="optional system prompt")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from analyst_desk.commands.common import audit_gate
    from analyst_desk.core.compliance.audit import AuditLog, audit_required
    from analyst_desk.core.engine.base import ChatMessage

    engine = open_chat_engine(args)
    messages = ([ChatMessage("system", args.system)] if args.system else []) + [ChatMessage("user", args.prompt)]
    # Under a policy that requires auditing, nothing is shown before the record is written.
    held = audit_required()
    try:
        generation = engine.stream_chat(messages, max_tokens=args.max_tokens, temperature=args.temperature)
        for chunk in generation:
            if not held:
                sys.stdout.write(chunk)
                sys.stdout.flush()
        audit = AuditLog.open()
        audit.record(pane="cli", kind="generate", model_path=engine.info.path, prompt=args.prompt,
                     output=generation.text, flags=[generation.stats.finish_reason]
                     if generation.stats.finish_reason != "stop" else [])
        audit_gate(audit)
        sys.stdout.write((generation.text if held else "") + "\n")
        print(f"[{engine.model_name}] {generation.stats.summary()}", file=sys.stderr)
    finally:
        engine.close()
    return 0
