import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: fetchOneTimeData()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/fetchOneTimeData.md","filePath":"server-api/functions/fetchOneTimeData.md"}');
const _sfc_main = { name: "server-api/functions/fetchOneTimeData.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-fetchonetimedata" tabindex="-1">Function: fetchOneTimeData() <a class="header-anchor" href="#function-fetchonetimedata" aria-label="Permalink to &quot;Function: fetchOneTimeData()&quot;">​</a></h1><blockquote><p><strong>fetchOneTimeData</strong>(<code>client</code>, <code>accessToken</code>, <code>options?</code>): <code>Promise</code>&lt;<a href="./../interfaces/OneTimeData.html"><code>OneTimeData</code></a>&gt;</p></blockquote><p>Accounts and all transactions behind an access token; fails as a whole, never with part of the data.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="client" tabindex="-1">client <a class="header-anchor" href="#client" aria-label="Permalink to &quot;client&quot;">​</a></h3><p><code>Pick</code>&lt;<a href="./../interfaces/NrichClient.html"><code>NrichClient</code></a>, <code>&quot;listAccounts&quot;</code> | <code>&quot;collectTransactions&quot;</code>&gt;</p><h3 id="accesstoken" tabindex="-1">accessToken <a class="header-anchor" href="#accesstoken" aria-label="Permalink to &quot;accessToken&quot;">​</a></h3><p><code>string</code></p><h3 id="options" tabindex="-1">options? <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options?&quot;">​</a></h3><p><code>OneTimeFetchOptions</code> = <code>{}</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../interfaces/OneTimeData.html"><code>OneTimeData</code></a>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/fetchOneTimeData.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const fetchOneTimeData = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  fetchOneTimeData as default
};
