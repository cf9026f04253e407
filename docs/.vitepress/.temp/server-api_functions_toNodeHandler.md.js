import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: toNodeHandler()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/toNodeHandler.md","filePath":"server-api/functions/toNodeHandler.md"}');
const _sfc_main = { name: "server-api/functions/toNodeHandler.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-tonodehandler" tabindex="-1">Function: toNodeHandler() <a class="header-anchor" href="#function-tonodehandler" aria-label="Permalink to &quot;Function: toNodeHandler()&quot;">​</a></h1><blockquote><p><strong>toNodeHandler</strong>(<code>handler</code>): <code>NodeHandler</code></p></blockquote><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="handler" tabindex="-1">handler <a class="header-anchor" href="#handler" aria-label="Permalink to &quot;handler&quot;">​</a></h3><p><code>WebHandler</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>NodeHandler</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/toNodeHandler.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const toNodeHandler = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  toNodeHandler as default
};
