import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: WidgetLink","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/interfaces/WidgetLink.md","filePath":"server-api/interfaces/WidgetLink.md"}');
const _sfc_main = { name: "server-api/interfaces/WidgetLink.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="interface-widgetlink" tabindex="-1">Interface: WidgetLink <a class="header-anchor" href="#interface-widgetlink" aria-label="Permalink to &quot;Interface: WidgetLink&quot;">​</a></h1><p>The API&#39;s answer to every flow initiation.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><h3 id="id" tabindex="-1">id <a class="header-anchor" href="#id" aria-label="Permalink to &quot;id&quot;">​</a></h3><blockquote><p><strong>id</strong>: <code>string</code></p></blockquote><p>The flow id (a UUID); it comes back as <code>flow_id</code>.</p><hr><h3 id="location" tabindex="-1">location <a class="header-anchor" href="#location" aria-label="Permalink to &quot;location&quot;">​</a></h3><blockquote><p><strong>location</strong>: <code>string</code></p></blockquote><p>The widget URL (it carries its own <code>?token=</code>).</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/interfaces/WidgetLink.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const WidgetLink = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  WidgetLink as default
};
