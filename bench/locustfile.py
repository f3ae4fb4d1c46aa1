"""Load on ``POST /v1/ask``: users asking the seed's questions, one after another.

    bench/with_server.sh 18766 .venv/bin/locust -f bench/locustfile.py --headless \\
        -u 20 -r 5 -t 60s --host '$KBQA_URL'     (see `make load`)
"""

from __future__ import annotations

import random

from locust import HttpUser, between, task

QUESTIONS = [
    "揭榜挂帅平台累计发榜多少项？",
    "知识产权质押融资去年做了多少？",
    "浦东融资服务中心有多少家金融机构入驻？",
    "多少家垂类大模型企业发布了产品？",
    "137号提案答复的联系人是谁？",
    "明天上海的天气怎么样？",
]


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)

    @task
    def ask(self) -> None:
        with self.client.post("/v1/ask", json={"question": random.choice(QUESTIONS)},
                              catch_response=True, name="/v1/ask") as response:
            if response.status_code == 429:
                response.success()  # a deliberate refusal by the rate limiter
