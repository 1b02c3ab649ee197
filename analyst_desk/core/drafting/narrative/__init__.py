"""Answers that are not one figure: narratives from the right section, lists, corrected premises.

- :mod:`intent` — what kind of answer a question asks for (summary, why/how, list) and its topic;
- :mod:`section_search` — the section(s) of the library's documents a question is about;
- :mod:`condense` — the sentences of a section worth reading, within the model's time budget;
- :mod:`support` — is each sentence of an answer in the passage it cites?
- :mod:`degenerate` — answers never to show (restated question, empty list, repetition, boilerplate);
- :mod:`premises` — questions that presuppose what the documents contradict;
- :mod:`lists` — lists answered whole from the table or enumeration that holds them (:mod:`list_items` finds
  every list the passages print; :mod:`extremes` picks the largest item);
- :mod:`budget`, :mod:`written` — what the model reads and writes in time, and its checked answer;
- :mod:`results`, :mod:`guard` — what the route shows, and the guard for the ordinary route's answers;
- :mod:`route` — the route that puts these together, called from ``drafting.answering`` (which hands it
  what it needs of answering — its facts answer and its own Ask — so no module here imports answering).
"""
