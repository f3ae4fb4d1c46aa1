"""The Gradio staff and user interface, mounted at ``/ui``: a thin layer over ``qa/``.

Importing any ``ui`` module runs this first, so Gradio sends no telemetry and keeps no
run history in the browser (it would hold questions and the admin token).
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("GRADIO_RUN_HISTORY", "False")
