<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.gloo.solo.io/v2
kind: VirtualDestination
<@k8s.metadata name=name namespace=namespace/>
spec:
  clientMode:
    tlsTermination: {}
<#if externalServices??>
  externalServices:
<#list externalServices as selector>
  - labels:
<@k8s.labelLines labels=selector.labels indent=6/>
</#list>
</#if>
  hosts:
<#list hosts as host>
  - ${host}
</#list>
  ports:
<#list ports as port>
  - number: ${port.number}
    protocol: ${port.protocol}
<#if port.targetPortName??>
    targetPort:
      name: ${port.targetPortName}
<#elseif port.targetPortNumber??>
    targetPort:
      number: ${port.targetPortNumber}
</#if>
</#list>
<#if services??>
  services:
<#list services as selector>
  - cluster: ${selector.cluster}
    labels:
<@k8s.labelLines labels=selector.labels indent=6/>
</#list>
</#if>
