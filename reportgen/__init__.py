"""reportgen: multilingual strategy and analysis reports from criminal-intelligence projects.

Pipeline: :func:`reportgen.data.load.load_project` → :func:`reportgen.analysis.analyse.analyse`
→ figures → render → publish. Each stage is usable from Python.
"""

__version__ = "0.1.0"
