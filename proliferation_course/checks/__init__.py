"""One module of checkers per exercise notebook (ex02.py, ex03.py, ...).

Each module registers its checkers with :func:`proliferation_course.exercises.register`;
:func:`proliferation_course.exercises.check` imports them all on first use.
"""
