import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: refreshTokens()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/refreshTokens.md","filePath":"server-api/functions/refreshTokens.md"}');
const _sfc_main = { name: "server-api/functions/refreshTokens.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-refreshtokens" tabindex="-1">Function: refreshTokens() <a class="header-anchor" href="#function-refreshtokens" aria-label="Permalink to &quot;Function: refreshTokens()&quot;">​</a></h1><blockquote><p><strong>refreshTokens</strong>(<code>options</code>): <code>Promise</code>&lt;<a href="./../interfaces/TokenSet.html"><code>TokenSet</code></a> | <code>undefined</code>&gt;</p></blockquote><p>Refreshes now, whatever the expiry; undefined when nothing is stored. Pass the access token the API just rejected as <code>rejectedAccessToken</code>: when another caller has replaced it meanwhile, its successor is returned without a second refresh.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="options" tabindex="-1">options <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options&quot;">​</a></h3><p><code>TokenOptions</code> &amp; <code>object</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../interfaces/TokenSet.html"><code>TokenSet</code></a> | <code>undefined</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/refreshTokens.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const refreshTokens = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  refreshTokens as default
};
