<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
<@k8s.metadata name=name namespace=namespace/>
spec:
  listeners:
<#list listeners as listener>
  - port:
      number: ${listener.port}
<#if listener.appProtocol??>
    appProtocol: ${listener.appProtocol}
</#if>
    http: {}
    tls:
      mode: ${listener.tlsMode}
    allowedRouteTables:
<#list listener.allowedRouteTables as allowed>
    - host: ${allowed.host}
<#if allowed.workspace??>
      selector:
        workspace: ${allowed.workspace}
</#if>
</#list>
</#list>
  workloads:
<#list workloads as workload>
  - selector:
<#if workload.cluster??>
      cluster: ${workload.cluster}
</#if>
      labels:
<@k8s.labelLines labels=workload.labels indent=8/>
</#list>
