/*
 * kbqa website chat widget.
 *
 *   <script src="https://kbqa.example/widget.js" data-kbqa-url="https://kbqa.example" async></script>
 *
 * One script, no framework, no build step. It talks only to the kbqa server named by
 * data-kbqa-url (empty: the page's own origin; attribute absent: the origin that served
 * this script). Everything lives in a Shadow DOM so that the host page's CSS and the
 * widget's CSS cannot reach each other.
 *
 * Security rule for this file: text from the server or the user is only ever put on the
 * page with textContent / createTextNode. Nothing here parses HTML.
 */
(function () {
  "use strict";

  if (window.__kbqaWidget) return; // the tag was pasted twice
  window.__kbqaWidget = true;

  var MAX_QUESTION_CHARS = 2000; // kbqa.models.MAX_QUESTION_CHARS
  var REQUEST_TIMEOUT_MS = 60000;
  var MARKER = /\[(\d+)\]/g;

  var TEXT = {
    launcher: "\u5728\u7ebf\u54a8\u8be2",  // 在线咨询
    title: "\u5728\u7ebf\u54a8\u8be2",  // 在线咨询
    subtitle: "\u56de\u7b54\u6458\u81ea\u5df2\u516c\u5f00\u7684\u7b54\u590d\u548c\u653f\u7b56\u6587\u4ef6\uff0c\u6bcf\u53e5\u90fd\u6807\u6ce8\u4f9d\u636e",  // 回答摘自已公开的答复和政策文件，每句都标注依据
    close: "\u5173\u95ed\u54a8\u8be2\u7a97\u53e3",  // 关闭咨询窗口
    welcome: "\u60a8\u597d\uff01\u8bf7\u76f4\u63a5\u8f93\u5165\u60a8\u60f3\u4e86\u89e3\u7684\u95ee\u9898\uff0c\u4f8b\u5982\u67d0\u9879\u653f\u7b56\u7684\u6761\u4ef6\u3001\u67d0\u4efd\u7b54\u590d\u7684\u627f\u8bfa\u6216\u6709\u5173\u6570\u636e\u3002" +  // 您好！请直接输入您想了解的问题，例如某项政策的条件、某份答复的承诺或有关数据。
      "\u56de\u7b54\u4e2d\u7684 [1]\u3001[2] \u53ef\u70b9\u51fb\u67e5\u770b\u4f9d\u636e\u539f\u6587\u3002",  // 回答中的 [1]、[2] 可点击查看依据原文。
    inputLabel: "\u8bf7\u8f93\u5165\u60a8\u7684\u95ee\u9898",  // 请输入您的问题
    send: "\u53d1\u9001",  // 发送
    you: "\u60a8\u7684\u95ee\u9898",  // 您的问题
    assistant: "\u56de\u7b54",  // 回答
    searching: "\u6b63\u5728\u67e5\u627e\u2026",  // 正在查找…
    sources: "\u4f9d\u636e",  // 依据
    sourceFile: "\u6765\u6e90\u6587\u4ef6\uff1a",  // 来源文件：
    backToAnswer: "\u8fd4\u56de\u6b63\u6587",  // 返回正文
    markerLabel: "\u67e5\u770b\u4f9d\u636e",  // 查看依据
    refusedBadge: "\u77e5\u8bc6\u5e93\u4e2d\u6ca1\u6709\u627e\u5230\u53ef\u4ee5\u56de\u7b54\u8fd9\u4e2a\u95ee\u9898\u7684\u4f9d\u636e",  // 知识库中没有找到可以回答这个问题的依据
    refusedDefault: "\u77e5\u8bc6\u5e93\u4e2d\u6ca1\u6709\u627e\u5230\u4e0e\u8fd9\u4e2a\u95ee\u9898\u76f8\u5173\u7684\u5185\u5bb9\u3002",  // 知识库中没有找到与这个问题相关的内容。
    nearest: "\u76f8\u8fd1\u7684\u6587\u4ef6\uff1a",  // 相近的文件：
    disclaimer: "\u56de\u7b54\u4ec5\u4f9b\u53c2\u8003\uff0c\u4ee5\u6b63\u5f0f\u53d1\u5e03\u7684\u6587\u4ef6\u4e3a\u51c6\u3002",  // 回答仅供参考，以正式发布的文件为准。
    interrupted: "\u56de\u7b54\u4e2d\u65ad\u4e86\uff0c\u8bf7\u91cd\u65b0\u53d1\u9001\u3002",  // 回答中断了，请重新发送。
    timeout: "\u7b49\u5f85\u65f6\u95f4\u8fc7\u957f\uff0c\u8bf7\u7a0d\u540e\u518d\u8bd5\u3002",  // 等待时间过长，请稍后再试。
    network: "\u7f51\u7edc\u8fde\u63a5\u5931\u8d25\uff0c\u8bf7\u68c0\u67e5\u7f51\u7edc\u540e\u91cd\u8bd5\u3002",  // 网络连接失败，请检查网络后重试。
    tooLong: "\u95ee\u9898\u592a\u957f\u4e86\uff0c\u8bf7\u7cbe\u7b80\u5230" + MAX_QUESTION_CHARS + "\u5b57\u4ee5\u5185\u3002",  // 问题太长了，请精简到 … 字以内。
    invalid: "\u8fd9\u4e2a\u95ee\u9898\u65e0\u6cd5\u5904\u7406\uff0c\u8bf7\u4fee\u6539\u540e\u91cd\u8bd5\u3002",  // 这个问题无法处理，请修改后重试。
    rateLimited: function (seconds) {
      return seconds ? "\u5f53\u524d\u54a8\u8be2\u4eba\u6570\u8f83\u591a\uff0c\u8bf7" + seconds + "\u79d2\u540e\u518d\u8bd5\u3002" : "\u5f53\u524d\u54a8\u8be2\u4eba\u6570\u8f83\u591a\uff0c\u8bf7\u7a0d\u540e\u518d\u8bd5\u3002";  // 当前咨询人数较多，请 … 秒后再试。 … 当前咨询人数较多，请稍后再试。
    },
    clientError: function (status) { return "\u8bf7\u6c42\u672a\u88ab\u53d7\u7406\uff08\u9519\u8bef\u4ee3\u7801 " + status + "\uff09\uff0c\u8bf7\u4fee\u6539\u540e\u91cd\u8bd5\u3002"; },  // 请求未被受理（错误代码 … ），请修改后重试。
    serverError: function (status) { return "\u670d\u52a1\u6682\u65f6\u4e0d\u53ef\u7528\uff0c\u8bf7\u7a0d\u540e\u518d\u8bd5\uff08\u9519\u8bef\u4ee3\u7801 " + status + "\uff09\u3002"; },  // 服务暂时不可用，请稍后再试（错误代码 … ）。
    announceAnswer: function (text, count) {
      return "\u56de\u7b54\uff1a" + text + (count ? " \u5171" + count + "\u6761\u4f9d\u636e\u3002" : "");  // 回答： … 共 … 条依据。
    },
  };

  var CSS = [
    // The host element: whatever the page says about it (even with !important), it stays
    // an unstyled box; important declarations of the shadow tree win over the page's.
    // It takes no room in the page's layout: the launcher and panel are fixed.
    ":host { all: initial !important; display: block !important; position: static !important;",
    "  width: 0 !important; height: 0 !important; margin: 0 !important; overflow: visible !important;",
    "  visibility: visible !important; opacity: 1 !important; transform: none !important;",
    "  filter: none !important; }",
    "*, *::before, *::after { box-sizing: border-box; }",
    "[hidden] { display: none !important; }",
    ".root { font-family: 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC',",
    "  'Source Han Sans SC', 'WenQuanYi Micro Hei', system-ui, -apple-system, 'Segoe UI', sans-serif;",
    "  font-size: 14px; line-height: 1.6; color: #1f2933; text-align: left; text-indent: 0;",
    "  letter-spacing: normal; word-spacing: normal; text-transform: none; font-weight: 400;",
    "  font-style: normal; white-space: normal; -webkit-font-smoothing: antialiased; }",
    "button, textarea { font: inherit; color: inherit; letter-spacing: inherit; margin: 0; }",
    "button { cursor: pointer; }",
    ":focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }",
    ".sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;",
    "  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }",

    ".launcher { position: fixed; right: 24px; bottom: 24px; z-index: 2147483000;",
    "  display: inline-flex; align-items: center; gap: 8px; height: 48px; padding: 0 20px 0 16px;",
    "  border: 0; border-radius: 24px; background: #0b5cad; color: #fff; font-size: 15px;",
    "  font-weight: 600; box-shadow: 0 6px 20px rgba(11, 92, 173, .35); }",
    ".launcher:hover { background: #094a8c; }",
    ".launcher svg { width: 22px; height: 22px; flex: none; fill: currentColor; }",

    ".panel { position: fixed; right: 24px; bottom: 84px; z-index: 2147483001;",
    "  width: 390px; max-width: calc(100vw - 32px); height: 620px; max-height: calc(100vh - 108px);",
    // clip, not hidden: a hidden box can still be scrolled, e.g. by the page's own code.
    "  display: flex; flex-direction: column; overflow: hidden; overflow: clip; background: #fff;",
    "  border: 1px solid #d5dde6; border-radius: 12px; box-shadow: 0 12px 40px rgba(15, 23, 42, .25); }",
    ".panel[hidden] { display: none !important; }",
    ".header { display: flex; align-items: flex-start; gap: 8px; padding: 12px 12px 12px 16px;",
    "  background: #0b5cad; color: #fff; }",
    ".header-text { flex: 1; min-width: 0; }",
    ".title { margin: 0; font-size: 16px; font-weight: 700; line-height: 1.4; }",
    ".subtitle { margin: 2px 0 0; font-size: 12px; opacity: .88; }",
    ".close { flex: none; width: 32px; height: 32px; padding: 0; border: 0; border-radius: 6px;",
    "  background: transparent; color: #fff; font-size: 22px; line-height: 32px; }",
    ".close:hover { background: rgba(255, 255, 255, .15); }",

    ".log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain;",
    "  padding: 14px 12px; background: #f4f6f9; }",
    ".msg { margin: 0 0 12px; padding: 10px 12px; border-radius: 10px; max-width: 92%;",
    "  overflow-wrap: anywhere; }",
    ".msg.user { margin-left: auto; background: #0b5cad; color: #fff; white-space: pre-wrap;",
    "  max-width: 80%; }",
    ".msg.bot { background: #fff; border: 1px solid #dde3ea; }",
    ".msg.welcome { color: #3e4c59; }",
    ".status { color: #616e7c; }",
    ".status::after { content: ''; display: inline-block; width: 10px; height: 10px; margin-left: 6px;",
    "  border: 2px solid #9aa5b1; border-top-color: transparent; border-radius: 50%;",
    "  vertical-align: -1px; animation: kbqa-spin .8s linear infinite; }",
    "@keyframes kbqa-spin { to { transform: rotate(360deg); } }",
    "@media (prefers-reduced-motion: reduce) { .status::after { animation: none; } }",
    ".answer { margin: 0; white-space: pre-wrap; }",
    ".ref { display: inline-block; margin: 0 0 0 1px; padding: 0 1px; border-radius: 3px;",
    "  color: #0b5cad; font-size: 12px; font-weight: 700; line-height: 1; vertical-align: super;",
    "  text-decoration: none; }",
    ".ref:hover { text-decoration: underline; background: #e6f0fa; }",

    ".sources { margin-top: 10px; padding-top: 8px; border-top: 1px dashed #cbd2d9; }",
    ".sources-title, .nearest-title { margin: 0 0 4px; font-size: 12px; font-weight: 700;",
    "  color: #52606d; }",
    ".fn-list, .nearest-list { margin: 0; padding: 0; list-style: none; }",
    ".fn { position: relative; margin: 6px 0 0; padding: 6px 30px 6px 8px; background: #f7f9fb;",
    "  border-left: 3px solid #0b5cad; border-radius: 0 6px 6px 0; font-size: 12.5px;",
    "  transition: background .4s; }",
    ".fn:focus { outline: 2px solid #0b5cad; outline-offset: 1px; }",
    ".fn.flash { background: #fff4cc; }",
    ".fn-head { font-weight: 700; color: #1f2933; }",
    ".fn-n { color: #0b5cad; margin-right: 4px; }",
    ".fn-meta, .fn-src { color: #616e7c; font-size: 12px; }",
    ".fn-quote { margin: 4px 0; padding: 0 0 0 8px; border-left: 2px solid #cbd2d9; color: #323f4b;",
    "  white-space: pre-wrap; }",
    ".fn-back { position: absolute; top: 4px; right: 4px; width: 22px; height: 22px; padding: 0;",
    "  border: 0; border-radius: 4px; background: transparent; color: #0b5cad; font-size: 14px;",
    "  line-height: 22px; }",
    ".fn-back:hover { background: #e6f0fa; }",

    ".msg.refused { background: #fffbea; border-color: #f0b429; }",
    ".badge { display: inline-block; margin-bottom: 6px; padding: 1px 8px; border-radius: 10px;",
    "  background: #f0b429; color: #513c06; font-size: 12px; font-weight: 700; }",
    ".nearest { margin-top: 8px; }",
    ".nearest-list li { margin: 2px 0; padding-left: 12px; position: relative; font-size: 12.5px; }",
    ".nearest-list li::before { content: '\u00b7'; position: absolute; left: 2px; }",  // ·
    ".msg.error { background: #fdf0f0; border-color: #f5a3a3; color: #8a1c1c; }",

    ".form { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px 6px;",
    "  border-top: 1px solid #e4e7eb; background: #fff; }",
    ".input { flex: 1; min-width: 0; height: 44px; max-height: 120px; padding: 10px 12px;",
    "  border: 1px solid #bcccdc; border-radius: 8px; background: #fff; color: #1f2933;",
    "  font-size: 15px; line-height: 1.5; resize: none; }",
    ".input::placeholder { color: #9aa5b1; }",
    ".input:focus { border-color: #0b5cad; outline: 2px solid rgba(11, 92, 173, .25); outline-offset: 0; }",
    ".send { flex: none; height: 44px; padding: 0 18px; border: 0; border-radius: 8px;",
    "  background: #0b5cad; color: #fff; font-size: 15px; font-weight: 600; }",
    ".send:disabled { background: #9fb3c8; cursor: default; }",
    ".disclaimer { margin: 0; padding: 0 12px 8px; background: #fff; color: #7b8794; font-size: 11px; }",

    // Phone: the panel takes the whole screen.
    "@media (max-width: 480px) {",
    "  .panel { top: 0; right: 0; bottom: 0; left: 0; width: 100%; max-width: none; height: 100%;",
    "    max-height: none; border: 0; border-radius: 0; }",
    "  .launcher { right: 16px; bottom: 16px; }",
    "  .input { font-size: 16px; }", // 16px keeps iOS from zooming into the field
    "}",
  ].join("\n");

  // ---- DOM helpers: text only ----------------------------------------------------------

  /** Make an element; string children become text nodes, never markup. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 " +
      "2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 " +
      "0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z");
    svg.appendChild(path);
    return svg;
  }

  function stripMarkers(text) {
    return text.replace(MARKER, "");
  }

  // ---- where the server is -------------------------------------------------------------

  function findOwnScript() {
    if (document.currentScript) return document.currentScript;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(\?|#|$)/.test(scripts[i].getAttribute("src"))) return scripts[i];
    }
    return null;
  }

  function serverBase(script) {
    var configured = script ? script.getAttribute("data-kbqa-url") : "";
    if (configured === null) {
      try { return new URL(script.src, location.href).origin; } catch (e) { return ""; }
    }
    return configured.trim().replace(/\/+$/, "");
  }

  // ---- Server-Sent Events over fetch (EventSource cannot POST) --------------------------

  function dispatchBlock(block, onEvent) {
    var name = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (!line || line.charAt(0) === ":") return;
      var colon = line.indexOf(":");
      var field = colon === -1 ? line : line.slice(0, colon);
      var value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    });
    if (!data.length) return;
    var payload;
    try { payload = JSON.parse(data.join("\n")); } catch (e) { return; }
    onEvent(name, payload);
  }

  async function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder("utf-8");
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      buffer += decoder.decode(chunk.value || new Uint8Array(0), { stream: !chunk.done });
      // A lone \r at the end may be the first half of \r\n: keep it until the next chunk.
      buffer = chunk.done ? buffer.replace(/\r\n?/g, "\n") : buffer.replace(/\r\n|\r(?!$)/g, "\n");
      var cut;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        dispatchBlock(buffer.slice(0, cut), onEvent);
        buffer = buffer.slice(cut + 2);
      }
      if (chunk.done) {
        if (buffer.trim()) dispatchBlock(buffer, onEvent);
        return;
      }
    }
  }

  function httpErrorMessage(response) {
    var status = response.status;
    if (status === 429) {
      var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
      return TEXT.rateLimited(seconds > 0 ? seconds : 0);
    }
    if (status === 413) return TEXT.tooLong;
    if (status === 400 || status === 422) return TEXT.invalid;
    if (status < 500) return TEXT.clientError(status);
    return TEXT.serverError(status);
  }

  // ---- the widget ----------------------------------------------------------------------

  function Widget(base) {
    this.base = base;
    this.turns = 0;
    this.busy = false;
    this.build();
  }

  Widget.prototype.build = function () {
    var self = this;
    var host = document.createElement("kbqa-widget");
    var shadow = host.attachShadow({ mode: "open" });
    this.host = host;
    this.shadow = shadow;

    if (shadow.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        shadow.adoptedStyleSheets = [sheet];
      } catch (e) {
        shadow.appendChild(el("style", null, [CSS]));
      }
    } else {
      shadow.appendChild(el("style", null, [CSS]));
    }

    this.launcher = el("button", {
      type: "button", "class": "launcher", "aria-expanded": "false",
      "aria-controls": "kbqa-panel", "aria-haspopup": "dialog",
    }, [chatIcon(), el("span", null, [TEXT.launcher])]);

    this.closeButton = el("button", {
      type: "button", "class": "close", "aria-label": TEXT.close, title: TEXT.close,
    }, ["\u00d7"]);  // ×

    this.log = el("div", {
      "class": "log", role: "log", "aria-live": "off", "aria-label": "\u5bf9\u8bdd\u8bb0\u5f55", tabindex: "-1",  // 对话记录
    }, [el("div", { "class": "msg bot welcome" }, [TEXT.welcome])]);

    // Streaming text is not read out token by token; the finished answer is, from here.
    this.live = el("div", { "class": "sr-only", "aria-live": "polite", "aria-atomic": "true" });

    this.input = el("textarea", {
      "class": "input", id: "kbqa-input", rows: "1", maxlength: String(MAX_QUESTION_CHARS),
      placeholder: TEXT.inputLabel, "aria-label": TEXT.inputLabel, autocomplete: "off",
      enterkeyhint: "send",
    });
    this.sendButton = el("button", { type: "submit", "class": "send" }, [TEXT.send]);
    this.form = el("form", { "class": "form", "aria-label": "\u63d0\u95ee" },  // 提问
      [this.input, this.sendButton]);

    this.panel = el("div", {
      id: "kbqa-panel", "class": "panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "kbqa-title", "aria-describedby": "kbqa-subtitle", hidden: "",
    }, [
      el("div", { "class": "header" }, [
        el("div", { "class": "header-text" }, [
          el("h2", { "class": "title", id: "kbqa-title" }, [TEXT.title]),
          el("p", { "class": "subtitle", id: "kbqa-subtitle" }, [TEXT.subtitle]),
        ]),
        this.closeButton,
      ]),
      this.log,
      this.form,
      el("p", { "class": "disclaimer" }, [TEXT.disclaimer]),
    ]);

    shadow.appendChild(el("div", { "class": "root", lang: "zh-CN" },
      [this.launcher, this.panel, this.live]));

    this.launcher.addEventListener("click", function () {
      if (self.panel.hidden) self.open(); else self.close();
    });
    this.closeButton.addEventListener("click", function () { self.close(); });
    shadow.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !self.panel.hidden) {
        event.preventDefault();
        self.close();
      }
    });
    this.input.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter is a new line; Enter that confirms an IME candidate is neither.
      if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) {
        return;
      }
      event.preventDefault();
      self.submit();
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
  };

  Widget.prototype.mount = function () {
    document.body.appendChild(this.host);
  };

  Widget.prototype.open = function () {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.input.focus();
    this.scrollToEnd();
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  };

  Widget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  /** Scroll the conversation, and only it, so that node is in view. */
  Widget.prototype.reveal = function (node) {
    var view = this.log.getBoundingClientRect();
    var box = node.getBoundingClientRect();
    if (box.top < view.top) this.log.scrollTop -= view.top - box.top + 8;
    else if (box.bottom > view.bottom) {
      this.log.scrollTop += Math.min(box.bottom - view.bottom + 8, box.top - view.top - 8);
    }
  };

  Widget.prototype.announce = function (text) {
    var live = this.live;
    live.textContent = "";
    // A change after a frame is announced even when the text repeats the last one.
    window.requestAnimationFrame(function () { live.textContent = text; });
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.sendButton.disabled = busy;
  };

  Widget.prototype.submit = function () {
    if (this.busy) return;
    var question = this.input.value.trim();
    if (!question) {
      this.input.focus();
      return;
    }
    this.input.value = "";
    this.ask(question);
  };

  Widget.prototype.ask = async function (question) {
    var turn = new Turn(this, question);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    this.setBusy(true);
    try {
      var response = await fetch(this.base + "/v1/ask/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: question }),
        signal: controller.signal,
      });
      if (!response.ok) {
        turn.fail(httpErrorMessage(response));
        return;
      }
      var finished = false;
      await readEvents(response, function (name, data) {
        if (finished) return;
        if (name === "citations") turn.setCitations(data);
        else if (name === "delta") turn.append(typeof data.text === "string" ? data.text : "");
        else if (name === "done") { finished = true; turn.finish(data); }
        else if (name === "error") { finished = true; turn.fail(TEXT.serverError(500)); }
      });
      if (!finished) turn.fail(TEXT.interrupted);
    } catch (err) {
      turn.fail(controller.signal.aborted ? TEXT.timeout : TEXT.network);
    } finally {
      clearTimeout(timer);
      this.setBusy(false);
    }
  };

  // ---- one question and its answer -----------------------------------------------------

  function Turn(widget, question) {
    this.widget = widget;
    this.id = "kbqa-m" + (++widget.turns);
    this.text = "";
    this.refused = false;
    this.citations = {};
    this.count = 0;
    this.nearest = [];

    widget.log.appendChild(el("div", { "class": "msg user" }, [
      el("span", { "class": "sr-only" }, [TEXT.you + "\uff1a"]), el("span", { "class": "q" }, [question]),  // ：
    ]));
    this.status = el("p", { "class": "status", role: "status" }, [TEXT.searching]);
    this.answer = el("p", { "class": "answer", hidden: "" });
    this.node = el("div", { "class": "msg bot", "aria-busy": "true", id: this.id }, [
      el("span", { "class": "sr-only" }, [TEXT.assistant + "\uff1a"]), this.status, this.answer,  // ：
    ]);
    widget.log.appendChild(this.node);
    widget.scrollToEnd();
  }

  Turn.prototype.setCitations = function (data) {
    var self = this;
    this.refused = !!data.refused;
    (Array.isArray(data.citations) ? data.citations : []).forEach(function (c) {
      if (c && typeof c.n === "number" && !self.citations[c.n]) {
        self.citations[c.n] = c;
        self.count++;
      }
    });
    this.nearest = Array.isArray(data.nearest_documents) ? data.nearest_documents : [];
    if (this.refused) {
      this.node.classList.add("refused");
      this.node.insertBefore(el("span", { "class": "badge" }, [TEXT.refusedBadge]), this.status);
    }
    if (this.count) this.node.appendChild(this.renderSources());
    if (this.refused && this.nearest.length) this.node.appendChild(this.renderNearest());
  };

  Turn.prototype.append = function (text) {
    this.text += text;
    this.status.hidden = true;
    this.answer.hidden = false;
    this.renderAnswer();
    this.widget.scrollToEnd();
  };

  /** The answer as text nodes, with each [n] that has a citation turned into a link. */
  Turn.prototype.renderAnswer = function () {
    var self = this;
    var answer = this.answer;
    var seen = {};
    var last = 0;
    var match;
    answer.textContent = "";
    MARKER.lastIndex = 0;
    while ((match = MARKER.exec(this.text)) !== null) {
      var n = Number(match[1]);
      if (!this.citations[n]) continue; // left as plain text below
      answer.appendChild(document.createTextNode(this.text.slice(last, match.index)));
      var link = el("a", {
        "class": "ref", href: "#" + this.fnId(n), "data-n": String(n),
        "aria-label": TEXT.markerLabel + " " + n,
        id: seen[n] ? null : this.refId(n),
      }, ["[" + n + "]"]);
      link.addEventListener("click", function (event) {
        event.preventDefault(); // the fragment lives in the shadow root, not the page
        self.showFootnote(Number(event.currentTarget.getAttribute("data-n")));
      });
      seen[n] = true;
      answer.appendChild(link);
      last = match.index + match[0].length;
    }
    answer.appendChild(document.createTextNode(this.text.slice(last)));
  };

  Turn.prototype.fnId = function (n) { return this.id + "-fn" + n; };
  Turn.prototype.refId = function (n) { return this.id + "-ref" + n; };

  Turn.prototype.showFootnote = function (n) {
    var item = this.widget.shadow.getElementById(this.fnId(n));
    if (!item) return;
    item.focus({ preventScroll: true });
    this.widget.reveal(item);
    item.classList.add("flash");
    setTimeout(function () { item.classList.remove("flash"); }, 1200);
  };

  Turn.prototype.renderSources = function () {
    var self = this;
    var list = el("ol", { "class": "fn-list" });
    Object.keys(this.citations).map(Number).sort(function (a, b) { return a - b; })
      .forEach(function (n) {
        var c = self.citations[n];
        var meta = [c.doc_number, c.locator].filter(function (part) { return !!part; }).join(" \u00b7 ");  // ·
        var back = el("button", {
          type: "button", "class": "fn-back", "aria-label": TEXT.backToAnswer, title: TEXT.backToAnswer,
        }, ["\u21a9"]);  // ↩
        back.addEventListener("click", function () {
          var ref = self.widget.shadow.getElementById(self.refId(n));
          if (ref) {
            ref.focus({ preventScroll: true });
            self.widget.reveal(ref);
          }
        });
        list.appendChild(el("li", { "class": "fn", id: self.fnId(n), tabindex: "-1" }, [
          el("div", { "class": "fn-head" }, [
            el("span", { "class": "fn-n" }, ["[" + n + "]"]), String(c.title || c.source || ""),
          ]),
          meta ? el("div", { "class": "fn-meta" }, [String(meta)]) : null,
          c.quote ? el("blockquote", { "class": "fn-quote" }, [String(c.quote)]) : null,
          c.source ? el("div", { "class": "fn-src" }, [TEXT.sourceFile + String(c.source)]) : null,
          back,
        ]));
      });
    return el("section", { "class": "sources", "aria-label": TEXT.sources }, [
      el("h3", { "class": "sources-title" }, [TEXT.sources]), list,
    ]);
  };

  Turn.prototype.renderNearest = function () {
    var list = el("ul", { "class": "nearest-list" });
    this.nearest.forEach(function (doc) {
      if (doc) list.appendChild(el("li", null, [String(doc.title || doc.source || "")]));
    });
    return el("section", { "class": "nearest", "aria-label": TEXT.nearest }, [
      el("h3", { "class": "nearest-title" }, [TEXT.nearest]), list,
    ]);
  };

  Turn.prototype.finish = function (data) {
    if (data && data.refused) this.refused = true;
    if (!this.text) this.append(this.refused ? TEXT.refusedDefault : "");
    this.status.remove();
    this.node.setAttribute("aria-busy", "false");
    var spoken = stripMarkers(this.text);
    this.widget.announce(this.refused ? TEXT.refusedBadge + "\u3002" + spoken  // 。
      : TEXT.announceAnswer(spoken, this.count));
  };

  Turn.prototype.fail = function (message) {
    this.status.remove();
    this.node.classList.add("error");
    this.node.setAttribute("aria-busy", "false");
    this.node.appendChild(el("p", { "class": "answer", role: "alert" }, [message]));
    this.widget.scrollToEnd();
  };

  // ---- start ---------------------------------------------------------------------------

  var widget = new Widget(serverBase(findOwnScript()));
  if (document.body) widget.mount();
  else document.addEventListener("DOMContentLoaded", function () { widget.mount(); });
})();
