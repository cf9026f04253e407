import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: NrichClientOptions","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/interfaces/NrichClientOptions.md","filePath":"server-api/interfaces/NrichClientOptions.md"}');
const _sfc_main = { name: "server-api/interfaces/NrichClientOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="interface-nrichclientoptions" tabindex="-1">Interface: NrichClientOptions <a class="header-anchor" href="#interface-nrichclientoptions" aria-label="Permalink to &quot;Interface: NrichClientOptions&quot;">​</a></h1><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><h3 id="baseurl" tabindex="-1">baseUrl <a class="header-anchor" href="#baseurl" aria-label="Permalink to &quot;baseUrl&quot;">​</a></h3><blockquote><p><strong>baseUrl</strong>: <code>string</code></p></blockquote><p>e.g. <code>https://api.finx-s.qwist.cloud</code>; a path prefix is kept. https, or http on loopback only.</p><hr><h3 id="clientid" tabindex="-1">clientId <a class="header-anchor" href="#clientid" aria-label="Permalink to &quot;clientId&quot;">​</a></h3><blockquote><p><strong>clientId</strong>: <code>string</code></p></blockquote><hr><h3 id="clientsecret" tabindex="-1">clientSecret <a class="header-anchor" href="#clientsecret" aria-label="Permalink to &quot;clientSecret&quot;">​</a></h3><blockquote><p><strong>clientSecret</strong>: <code>string</code></p></blockquote><hr><h3 id="fetch" tabindex="-1">fetch? <a class="header-anchor" href="#fetch" aria-label="Permalink to &quot;fetch?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>fetch?</strong>: <code>FetchFunction</code></p></blockquote><p>Defaults to the global <code>fetch</code>; pass one to add tracing or a proxy.</p><hr><h3 id="maxresponsebytes" tabindex="-1">maxResponseBytes? <a class="header-anchor" href="#maxresponsebytes" aria-label="Permalink to &quot;maxResponseBytes?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>maxResponseBytes?</strong>: <code>number</code></p></blockquote><p>The most bytes one API answer may have; a bigger one fails the call (<code>response_too_large</code>) once this much was read, instead of filling memory. Default 32 MiB: a page of 1000 transactions is about 1 MiB.</p><hr><h3 id="retry" tabindex="-1">retry? <a class="header-anchor" href="#retry" aria-label="Permalink to &quot;retry?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>retry?</strong>: <code>false</code> | <code>RetryOptions</code></p></blockquote><p>Retries of reads and flow starts; <code>false</code> for none. Never used for the code exchange or a refresh.</p><hr><h3 id="timeout" tabindex="-1">timeout? <a class="header-anchor" href="#timeout" aria-label="Permalink to &quot;timeout?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>timeout?</strong>: <code>number</code></p></blockquote><p>Per attempt, including reading the body. Default 15 000 ms.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/interfaces/NrichClientOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const NrichClientOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  NrichClientOptions as default
};
