import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: RedirectUriPolicy","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/type-aliases/RedirectUriPolicy.md","filePath":"server-api/type-aliases/RedirectUriPolicy.md"}');
const _sfc_main = { name: "server-api/type-aliases/RedirectUriPolicy.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="type-alias-redirecturipolicy" tabindex="-1">Type Alias: RedirectUriPolicy <a class="header-anchor" href="#type-alias-redirecturipolicy" aria-label="Permalink to &quot;Type Alias: RedirectUriPolicy&quot;">​</a></h1><blockquote><p><strong>RedirectUriPolicy</strong> = readonly <code>string</code>[] | ((<code>uri</code>) =&gt; <code>boolean</code>)</p></blockquote></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/type-aliases/RedirectUriPolicy.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const RedirectUriPolicy = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  RedirectUriPolicy as default
};
