<#import "lib/k8s.ftl" as k8s>
<#macro grants list>
<#list list as grant>
  - workspaces:
<#list grant.workspaces as workspace>
    - name: ${workspace}
</#list>
    resources:
<#list grant.resources as resource>
    - kind: ${resource.kind}
      name: ${resource.name}
      namespace: ${resource.namespace}
</#list>
</#list>
</#macro>
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
<@k8s.metadata name=name namespace=namespace/>
spec:
<#if importFrom?has_content>
  importFrom:
<@grants list=importFrom/>
</#if>
<#if exportTo?has_content>
  exportTo:
<@grants list=exportTo/>
</#if>
  options:
    federation:
      enabled: false
    serviceIsolation:
      enabled: false
<#if eastWestGateways??>
    eastWestGateways:
<#list eastWestGateways as gateway>
    - selector:
        labels:
<@k8s.labelLines labels=gateway.labels indent=10/>
<#if gateway.port??>
      port:
        number: ${gateway.port}
</#if>
<#if gateway.tlsTerminationPort??>
      tlsTerminationPort:
        number: ${gateway.tlsTerminationPort}
</#if>
</#list>
</#if>
