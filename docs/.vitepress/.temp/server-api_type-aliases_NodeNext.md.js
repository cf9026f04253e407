import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: NodeNext","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/type-aliases/NodeNext.md","filePath":"server-api/type-aliases/NodeNext.md"}');
const _sfc_main = { name: "server-api/type-aliases/NodeNext.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="type-alias-nodenext" tabindex="-1">Type Alias: NodeNext <a class="header-anchor" href="#type-alias-nodenext" aria-label="Permalink to &quot;Type Alias: NodeNext&quot;">​</a></h1><blockquote><p><strong>NodeNext</strong> = (<code>error?</code>) =&gt; <code>void</code></p></blockquote><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="error" tabindex="-1">error? <a class="header-anchor" href="#error" aria-label="Permalink to &quot;error?&quot;">​</a></h3><p><code>unknown</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>void</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/type-aliases/NodeNext.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const NodeNext = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  NodeNext as default
};
