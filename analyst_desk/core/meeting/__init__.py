"""Meeting minutes: transcripts in, structured minutes out, every item traced to its line."""
