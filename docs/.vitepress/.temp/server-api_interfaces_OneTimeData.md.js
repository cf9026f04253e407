import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: OneTimeData","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/interfaces/OneTimeData.md","filePath":"server-api/interfaces/OneTimeData.md"}');
const _sfc_main = { name: "server-api/interfaces/OneTimeData.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="interface-onetimedata" tabindex="-1">Interface: OneTimeData <a class="header-anchor" href="#interface-onetimedata" aria-label="Permalink to &quot;Interface: OneTimeData&quot;">​</a></h1><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><h3 id="accounts" tabindex="-1">accounts <a class="header-anchor" href="#accounts" aria-label="Permalink to &quot;accounts&quot;">​</a></h3><blockquote><p><strong>accounts</strong>: <a href="./Account.html"><code>Account</code></a>[]</p></blockquote><hr><h3 id="transactions" tabindex="-1">transactions <a class="header-anchor" href="#transactions" aria-label="Permalink to &quot;transactions&quot;">​</a></h3><blockquote><p><strong>transactions</strong>: <a href="./Transaction.html"><code>Transaction</code></a>[]</p></blockquote><p>Every transaction matching the filters, all pages.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/interfaces/OneTimeData.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const OneTimeData = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  OneTimeData as default
};
