"""The engine streams real tokens from GGUF models through llama.cpp, reports timing, and stops on cancel."""

from __future__ import annotations

import re
import threading

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.engine.base import ChatMessage


def test_tiny_model_streams_an_answer_in_chunks_with_timing(tiny_engine):
    generation = tiny_engine.stream_chat([ChatMessage("user", "What is 2 + 2? Answer with the number.")],
                                         max_tokens=24, temperature=0.0)
    chunks = list(generation)
    assert len(chunks) > 3
    assert "".join(chunks) == generation.text
    assert "4" in generation.text
    stats = generation.stats
    assert stats.completion_tokens == len(chunks)
    assert 0 < stats.time_to_first_token < stats.total_seconds
    assert stats.tokens_per_second > 0


def test_max_tokens_limits_the_answer(tiny_engine):
    generation = tiny_engine.stream_chat([ChatMessage("user", "Write a long story about a bank.")],
                                         max_tokens=8, temperature=0.0)
    generation.consume()
    assert tiny_engine.count_tokens(generation.text) <= 10


def test_cancel_mid_stream_keeps_the_partial_text(tiny_engine):
    cancel = CancelToken()
    generation = tiny_engine.stream_chat([ChatMessage("user", "Count from 1 to 500, separated by commas.")],
                                         max_tokens=400, temperature=0.0, cancel=cancel)
    received = []
    for chunk in generation:
        received.append(chunk)
        if len(received) == 10:
            cancel.cancel()
    assert generation.stats.finish_reason == "cancelled"
    assert len(received) == 10
    assert generation.text == "".join(received) and generation.text.strip()


def test_cancel_from_another_thread_stops_generation(tiny_engine):
    cancel = CancelToken()
    generation = tiny_engine.stream_chat([ChatMessage("user", "Count from 1 to 500, separated by commas.")],
                                         max_tokens=400, temperature=0.0, cancel=cancel)
    first = threading.Event()

    def consume():
        for _ in generation:
            first.set()

    thread = threading.Thread(target=consume)
    thread.start()
    assert first.wait(30)
    cancel.cancel()
    thread.join(5)
    assert not thread.is_alive()
    assert generation.stats.finish_reason == "cancelled"
    assert generation.stats.completion_tokens < 400


def test_engine_is_usable_again_after_a_cancelled_run(tiny_engine):
    cancel = CancelToken()
    cancel.cancel()
    tiny_engine.stream_chat([ChatMessage("user", "Hello")], cancel=cancel).consume()
    answer = tiny_engine.complete([ChatMessage("user", "What is 2 + 2? Answer with the number.")],
                                  max_tokens=12, temperature=0.0)
    assert "4" in answer


def test_default_model_knows_facts_in_english(chat_engine):
    answer = chat_engine.complete([ChatMessage("user", "What is the capital of France? One word.")],
                                  max_tokens=10, temperature=0.0)
    assert "Paris" in answer


def test_default_model_answers_in_chinese_with_its_own_chat_template(chat_engine):
    generation = chat_engine.stream_chat([ChatMessage("user", "用一句话介绍你自己")], max_tokens=40, temperature=0.0)
    text = generation.consume()
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) >= 5, text
    assert "<|im_end|>" not in text and "<|im_start|>" not in text


def test_json_schema_constrains_the_output(chat_engine):
    import json

    schema = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    text = chat_engine.complete([ChatMessage("user", "Which city is the capital of China? Reply in JSON.")],
                                max_tokens=30, temperature=0.0, json_schema=schema)
    assert isinstance(json.loads(text)["city"], str)


def test_stop_while_the_long_prompt_is_still_being_read(chat_engine):
    """Stop right after Ask on a long prompt: llama.cpp gives up reading it, nothing is written, and
    the model answers the next question normally."""
    import threading

    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.engine.base import ChatMessage

    passage = "平安银行2024年实现营业收入1,466.95亿元，同比下降10.9%；净利润445.08亿元，同比下降4.2%。" * 60
    messages = [ChatMessage("user", "请总结以下内容：\n" + passage)]
    prompt_tokens = chat_engine.count_tokens(passage)
    assert prompt_tokens > 2000
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    generation = chat_engine.stream_chat(messages, max_tokens=50, cancel=cancel)
    assert generation.consume() == "" and generation.stats.finish_reason == "cancelled"
    assert chat_engine._llm.n_tokens < prompt_tokens  # stopped part-way through the prompt
    answer = chat_engine.complete([ChatMessage("user", "What is 2+3? Reply with the number only.")], max_tokens=8,
                                  temperature=0.0)
    assert "5" in answer
