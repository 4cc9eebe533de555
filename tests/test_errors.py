from hbetl import errors


def test_every_error_is_transient_or_terminal_under_one_root():
    leaves = [cls for cls in vars(errors).values()
              if isinstance(cls, type) and issubclass(cls, errors.HbetlError)
              and cls not in (errors.HbetlError, errors.TransientError, errors.TerminalError)]
    assert leaves
    for cls in leaves:
        assert issubclass(cls, errors.TransientError) != issubclass(cls, errors.TerminalError), cls


def test_messages_are_one_line_and_name_the_subject():
    exc = errors.FetchRefused("HTTP 404\nNot Found", subject="http://x/a.htm")
    assert str(exc) == "http://x/a.htm: HTTP 404 Not Found"
    assert not errors.is_transient(exc)
    assert errors.is_transient(errors.FetchTransient("timeout"))
    assert not errors.is_transient(ValueError("a bug is not retried"))
