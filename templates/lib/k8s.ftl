<#-- Shared pieces of every resource. Values arrive as safe YAML scalars: never quote them here. -->
<#macro metadata name namespace="" labels={}>
metadata:
  name: ${name}
<#if namespace?has_content>
  namespace: ${namespace}
</#if>
<#if labels?has_content>
  labels:
<#list labels as key, value>
    ${key}: ${value}
</#list>
</#if>
</#macro>
<#-- A label map at a given indentation (in spaces), one "key: value" a line. -->
<#macro labelLines labels indent>
<#list labels as key, value>
${""?left_pad(indent)?no_esc}${key}: ${value}
</#list>
</#macro>
