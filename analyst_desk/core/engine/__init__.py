"""The local model engine: GGUF discovery and metadata, the llama.cpp backend, prompts."""
