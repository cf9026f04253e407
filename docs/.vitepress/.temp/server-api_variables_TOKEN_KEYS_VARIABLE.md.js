import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: TOKEN_KEYS_VARIABLE","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/variables/TOKEN_KEYS_VARIABLE.md","filePath":"server-api/variables/TOKEN_KEYS_VARIABLE.md"}');
const _sfc_main = { name: "server-api/variables/TOKEN_KEYS_VARIABLE.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="variable-token_keys_variable" tabindex="-1">Variable: TOKEN_KEYS_VARIABLE <a class="header-anchor" href="#variable-token_keys_variable" aria-label="Permalink to &quot;Variable: TOKEN\\_KEYS\\_VARIABLE&quot;">​</a></h1><blockquote><p><code>const</code> <strong>TOKEN_KEYS_VARIABLE</strong>: <code>&quot;NRICH_TOKEN_KEYS&quot;</code> = <code>&#39;NRICH_TOKEN_KEYS&#39;</code></p></blockquote></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/variables/TOKEN_KEYS_VARIABLE.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TOKEN_KEYS_VARIABLE = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TOKEN_KEYS_VARIABLE as default
};
