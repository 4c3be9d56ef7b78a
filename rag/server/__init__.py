"""The HTTP service (``rag serve``): an OpenAI-compatible chat endpoint with verified span
citations, a native streaming API, and probes; see README "HTTP service"."""
