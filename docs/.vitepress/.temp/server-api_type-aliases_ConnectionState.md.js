import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: ConnectionState","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/type-aliases/ConnectionState.md","filePath":"server-api/type-aliases/ConnectionState.md"}');
const _sfc_main = { name: "server-api/type-aliases/ConnectionState.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="type-alias-connectionstate" tabindex="-1">Type Alias: ConnectionState <a class="header-anchor" href="#type-alias-connectionstate" aria-label="Permalink to &quot;Type Alias: ConnectionState&quot;">​</a></h1><blockquote><p><strong>ConnectionState</strong> = { <code>status</code>: <code>&quot;not_connected&quot;</code>; } | { <code>expiresAt</code>: <code>number</code>; <code>refreshExpiresAt?</code>: <code>number</code>; <code>status</code>: <code>&quot;active&quot;</code>; } | { <code>reason</code>: <code>ReauthorizationReason</code>; <code>status</code>: <code>&quot;needs_reauthorization&quot;</code>; } | { <code>reason</code>: <code>&quot;unknown_key&quot;</code> | <code>&quot;undecryptable&quot;</code>; <code>status</code>: <code>&quot;unreadable&quot;</code>; }</p></blockquote><p>What a host may ask about a connection, e.g. to show &quot;connected&quot; or a &quot;reconnect&quot; button.</p><h2 id="union-members" tabindex="-1">Union Members <a class="header-anchor" href="#union-members" aria-label="Permalink to &quot;Union Members&quot;">​</a></h2><h3 id="type-literal" tabindex="-1">Type Literal <a class="header-anchor" href="#type-literal" aria-label="Permalink to &quot;Type Literal&quot;">​</a></h3><p>{ <code>status</code>: <code>&quot;not_connected&quot;</code>; }</p><hr><h3 id="type-literal-1" tabindex="-1">Type Literal <a class="header-anchor" href="#type-literal-1" aria-label="Permalink to &quot;Type Literal&quot;">​</a></h3><p>{ <code>expiresAt</code>: <code>number</code>; <code>refreshExpiresAt?</code>: <code>number</code>; <code>status</code>: <code>&quot;active&quot;</code>; }</p><hr><h3 id="type-literal-2" tabindex="-1">Type Literal <a class="header-anchor" href="#type-literal-2" aria-label="Permalink to &quot;Type Literal&quot;">​</a></h3><p>{ <code>reason</code>: <code>ReauthorizationReason</code>; <code>status</code>: <code>&quot;needs_reauthorization&quot;</code>; }</p><hr><h3 id="type-literal-3" tabindex="-1">Type Literal <a class="header-anchor" href="#type-literal-3" aria-label="Permalink to &quot;Type Literal&quot;">​</a></h3><p>{ <code>reason</code>: <code>&quot;unknown_key&quot;</code> | <code>&quot;undecryptable&quot;</code>; <code>status</code>: <code>&quot;unreadable&quot;</code>; }</p><p>The row is there but this instance cannot open it: sealed under a key it does not have (<code>unknown_key</code>: a rolling key rotation not finished everywhere) or damaged (<code>undecryptable</code>). Not the user&#39;s doing.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/type-aliases/ConnectionState.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ConnectionState = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ConnectionState as default
};
