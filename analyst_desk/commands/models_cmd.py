"""``analyst-desk models [--json]``: list installed models with their metadata."""

from __future__ import annotations

from analyst_desk.commands.common import print_json
from analyst_desk.core import paths


def register(subparsers) -> None:
    parser = subparsers.add_parser("models", help="list the GGUF models in the models folder")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from analyst_desk.core.config import Settings
    from analyst_desk.core.engine.models import default_chat_model, discover_models
    from analyst_desk.core.errors import ModelError

    models = discover_models()
    try:
        default = default_chat_model(Settings.load().model).file_name
    except ModelError:
        default = None
    server = _server_model()
    if args.json:
        print_json([dict(m.to_json(), default=(m.file_name == default)) for m in models] + ([server] if server else []))
        return 0
    if server:  # the bank's model server, where a local model's line would be
        if server["error"]:
            print(f"Model server {server['url']}: ✗ {server['error']}")
        else:
            print(f"Model server {server['url']}:\n  {server['model']} · context {server['context_length']:,} "
                  f"({server['context_source']}) · used for: {', '.join(server['tasks']) or 'no task'}")
    if not models:
        print(f"No models in {paths.models_dir()}. Run the setup command from README.md.")
        return 1
    print(f"Models in {paths.models_dir()}:")
    for m in models:
        if m.error:
            print(f"  ✗ {m.file_name}: {m.error}")
            continue
        role = "embedding" if m.is_embedding else ("chat" if m.is_chat else "base")
        mark = "*" if m.file_name == default else " "
        print(f"{mark} {m.file_name}\n    {m.name} · {m.architecture} · {m.parameters_label} params · "
              f"{m.quantization} · {m.size_label} · context {m.context_length:,} · {role}"
              f"{' · chat template' if m.chat_template else ''}")
    if default:
        print("(* = default)")
    return 0


def _server_model() -> dict | None:
    """The configured model server's model and window (asked of the server), or None when none is set."""
    from analyst_desk.core.config import Settings
    from analyst_desk.core.engine.remote_engine import RemoteEngine
    from analyst_desk.core.engine.selection import REMOTE, TASKS, remote_config, task_choice
    from analyst_desk.core.errors import AppError
    from analyst_desk.core.network_policy import current_policy

    settings = Settings.load()
    policy = current_policy(settings)
    try:
        config = remote_config(settings, policy)
    except AppError as exc:
        return {"engine": "remote", "url": "", "error": str(exc)}
    if config is None:
        return None
    tasks = [t for t in TASKS if task_choice(settings, t, policy) == REMOTE]
    try:
        info = RemoteEngine(config, policy).load().info
    except AppError as exc:
        return {"engine": "remote", "url": config.url, "tasks": tasks, "error": str(exc)}
    return {**info.to_json(), "file_name": info.name, "tasks": tasks, "error": None}
