"""``analyst-desk models [--json]``: list installed models with their metadata."""

from __future__ import annotations

from app.commands.common import print_json
from app.core import paths


def register(subparsers) -> None:
    parser = subparsers.add_parser("models", help="list the GGUF models in the models folder")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.core.config import Settings
    from app.core.engine.models import default_chat_model, discover_models
    from app.core.errors import ModelError

    models = discover_models()
    try:
        default = default_chat_model(Settings.load().model).file_name
    except ModelError:
        default = None
    if args.json:
        print_json([dict(m.to_json(), default=(m.file_name == default)) for m in models])
        return 0
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
