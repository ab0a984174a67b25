"""Stage 4, publish: builds, the files they write, and the intranet site.

- :mod:`.build`: one build's orchestration (:func:`.build.build`, its options and result);
- :mod:`.keys`: the rebuild keys that let an unchanged language be skipped;
- :mod:`.pool`: the per-language job, the process pool and the chart-export browser's lifetime;
- :mod:`.writer`: :class:`.writer.Writer`, the only thing that writes to the output folders
  (staging folder, atomic swap, assets, annexes, ``meta.json``, index pages);
- :mod:`.indexes`: rendering of the period index and of the site index;
- :mod:`.site`: publishing many projects and periods into one site (one publish at a time), and the preview server;
- :mod:`.cluster`: a publish's builds on a Dask cluster, one task per project and language.
"""
