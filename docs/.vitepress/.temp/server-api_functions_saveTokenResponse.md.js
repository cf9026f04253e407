import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: saveTokenResponse()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/saveTokenResponse.md","filePath":"server-api/functions/saveTokenResponse.md"}');
const _sfc_main = { name: "server-api/functions/saveTokenResponse.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-savetokenresponse" tabindex="-1">Function: saveTokenResponse() <a class="header-anchor" href="#function-savetokenresponse" aria-label="Permalink to &quot;Function: saveTokenResponse()&quot;">​</a></h1><blockquote><p><strong>saveTokenResponse</strong>(<code>store</code>, <code>key</code>, <code>response</code>, <code>now?</code>): <code>Promise</code>&lt;<a href="./../interfaces/TokenSet.html"><code>TokenSet</code></a>&gt;</p></blockquote><p>Stores a code exchange&#39;s answer under <code>key</code> (the connection is active from now on) and returns it.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="store" tabindex="-1">store <a class="header-anchor" href="#store" aria-label="Permalink to &quot;store&quot;">​</a></h3><p><a href="./../interfaces/TokenStore.html"><code>TokenStore</code></a></p><h3 id="key" tabindex="-1">key <a class="header-anchor" href="#key" aria-label="Permalink to &quot;key&quot;">​</a></h3><p><code>string</code></p><h3 id="response" tabindex="-1">response <a class="header-anchor" href="#response" aria-label="Permalink to &quot;response&quot;">​</a></h3><p><code>TokenResponse</code></p><h3 id="now" tabindex="-1">now? <a class="header-anchor" href="#now" aria-label="Permalink to &quot;now?&quot;">​</a></h3><p>() =&gt; <code>number</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../interfaces/TokenSet.html"><code>TokenSet</code></a>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/saveTokenResponse.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const saveTokenResponse = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  saveTokenResponse as default
};
