import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: isReauthorizationRequired()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/isReauthorizationRequired.md","filePath":"server-api/functions/isReauthorizationRequired.md"}');
const _sfc_main = { name: "server-api/functions/isReauthorizationRequired.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-isreauthorizationrequired" tabindex="-1">Function: isReauthorizationRequired() <a class="header-anchor" href="#function-isreauthorizationrequired" aria-label="Permalink to &quot;Function: isReauthorizationRequired()&quot;">​</a></h1><blockquote><p><strong>isReauthorizationRequired</strong>(<code>value</code>): <code>value is ReauthorizationRequiredError</code></p></blockquote><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="value" tabindex="-1">value <a class="header-anchor" href="#value" aria-label="Permalink to &quot;value&quot;">​</a></h3><p><code>unknown</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>value is ReauthorizationRequiredError</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/isReauthorizationRequired.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const isReauthorizationRequired = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  isReauthorizationRequired as default
};
