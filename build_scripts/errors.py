"""The one error type the pipeline raises for bad input."""


class EditionError(Exception):
    """Bad input: the message names the file, the line or key, and the fix."""

    def __init__(self, file: str, where: str | int | None, problem: str, fix: str):
        self.file, self.where, self.problem, self.fix = file, where, problem, fix
        loc = file if where is None else (f"{file}:{where}" if isinstance(where, int) else f"{file} ({where})")
        super().__init__(f"{loc}: {problem}. Fix: {fix}")
