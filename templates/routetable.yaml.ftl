<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
<@k8s.metadata name=name namespace=namespace/>
spec:
  hosts:
<#list hosts as host>
  - ${host}
</#list>
  http:
<#list routes as route>
  - name: ${route.name}
    forwardTo:
      destinations:
<#list route.destinations as destination>
      - kind: ${destination.kind}
        port:
          number: ${destination.port}
        ref:
          cluster: ${destination.ref.cluster}
          name: ${destination.ref.name}
          namespace: ${destination.ref.namespace}
</#list>
<#if route.hostRewrite??>
      hostRewrite: ${route.hostRewrite}
</#if>
</#list>
<#if virtualGateways??>
  virtualGateways:
<#list virtualGateways as gateway>
  - cluster: ${gateway.cluster}
    name: ${gateway.name}
    namespace: ${gateway.namespace}
</#list>
</#if>
  workloadSelectors:
<#list workloadSelectors as workload>
  - selector:
      namespace: ${workload.namespace}
</#list>
