"""The per-client token bucket, on a clock the test controls."""

from api.protection import RateLimiter


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_refills() -> None:
    clock = ManualClock()
    limiter = RateLimiter(per_minute=3, clock=clock)
    assert [limiter.take("1.2.3.4") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take("1.2.3.4")
    assert 19.9 < wait <= 20.0  # one token every 20 s
    assert limiter.take("5.6.7.8") == 0.0  # other clients are not affected
    clock.now = 20.0
    assert limiter.take("1.2.3.4") == 0.0
    assert limiter.take("1.2.3.4") > 0
