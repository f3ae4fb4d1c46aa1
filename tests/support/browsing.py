"""Constants shared by the browser tests and their fixtures."""

from paths import ROOT

CHROMIUM = "/usr/bin/chromium"
ADMIN_TOKEN = "test-admin-token-not-secret"
SCREENSHOTS = ROOT / "docs" / "screenshots"

# Synthetic, written for this test: a notice whose text tries to inject markup.
INJECTION_DOC = """关于测试页面安全显示的说明

本说明为测试文件，内容虚构。页面安全测试的注入字符串为<img src=x onerror=alert(1)>，\
另一条为<script>alert("xss")</script>，两者都必须原样显示为文字。

联系人：测试员
"""
