import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: exchangeAndFetch()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/exchangeAndFetch.md","filePath":"server-api/functions/exchangeAndFetch.md"}');
const _sfc_main = { name: "server-api/functions/exchangeAndFetch.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-exchangeandfetch" tabindex="-1">Function: exchangeAndFetch() <a class="header-anchor" href="#function-exchangeandfetch" aria-label="Permalink to &quot;Function: exchangeAndFetch()&quot;">​</a></h1><blockquote><p><strong>exchangeAndFetch</strong>(<code>client</code>, <code>params</code>, <code>options?</code>): <code>Promise</code>&lt;<a href="./../interfaces/OneTimeData.html"><code>OneTimeData</code></a>&gt;</p></blockquote><p>Exchanges the code and fetches everything at once: the whole one-time pattern in one call. Any failure throws an <code>NrichApiError</code> (a used or expired code is <code>kind: &#39;reauthorize&#39;</code>); the tokens stay inside. Do not tie <code>signal</code> to the browser&#39;s request: once the code is spent, a closed tab must not cost the data.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="client" tabindex="-1">client <a class="header-anchor" href="#client" aria-label="Permalink to &quot;client&quot;">​</a></h3><p><code>Pick</code>&lt;<a href="./../interfaces/NrichClient.html"><code>NrichClient</code></a>, <code>&quot;exchangeCode&quot;</code> | <code>&quot;listAccounts&quot;</code> | <code>&quot;collectTransactions&quot;</code>&gt;</p><h3 id="params" tabindex="-1">params <a class="header-anchor" href="#params" aria-label="Permalink to &quot;params&quot;">​</a></h3><h4 id="code" tabindex="-1">code <a class="header-anchor" href="#code" aria-label="Permalink to &quot;code&quot;">​</a></h4><p><code>string</code></p><h4 id="redirecturi" tabindex="-1">redirectUri? <a class="header-anchor" href="#redirecturi" aria-label="Permalink to &quot;redirectUri?&quot;">​</a></h4><p><code>string</code></p><h3 id="options" tabindex="-1">options? <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options?&quot;">​</a></h3><p><code>OneTimeFetchOptions</code> = <code>{}</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../interfaces/OneTimeData.html"><code>OneTimeData</code></a>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/exchangeAndFetch.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const exchangeAndFetch = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  exchangeAndFetch as default
};
