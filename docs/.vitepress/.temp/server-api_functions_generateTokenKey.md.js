import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: generateTokenKey()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/generateTokenKey.md","filePath":"server-api/functions/generateTokenKey.md"}');
const _sfc_main = { name: "server-api/functions/generateTokenKey.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-generatetokenkey" tabindex="-1">Function: generateTokenKey() <a class="header-anchor" href="#function-generatetokenkey" aria-label="Permalink to &quot;Function: generateTokenKey()&quot;">​</a></h1><blockquote><p><strong>generateTokenKey</strong>(<code>id</code>): <code>string</code></p></blockquote><p>A fresh key in the <code>NRICH_TOKEN_KEYS</code> format, e.g. for a setup script.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="id" tabindex="-1">id <a class="header-anchor" href="#id" aria-label="Permalink to &quot;id&quot;">​</a></h3><p><code>string</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>string</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/generateTokenKey.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const generateTokenKey = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  generateTokenKey as default
};
