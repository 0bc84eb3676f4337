"""Models, figures, widgets and data for the course on selective nuclear proliferation.

Sub-packages:

* :mod:`proliferation_course.data`: load and validate the tables in ``data/``;
* :mod:`proliferation_course.models`: stylised teaching models (pure functions);
* :mod:`proliferation_course.figures`: plotly figures, the static faces of the models;
* :mod:`proliferation_course.widgets`: ipywidgets panels, the live faces;
* :mod:`proliferation_course.quiz`: self-check quizzes that work in the browser;
* :mod:`proliferation_course.sphinxext`: the Sphinx extension that serves the
  site's assets locally.
"""

__version__ = "0.9.0"
