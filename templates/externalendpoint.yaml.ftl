<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.gloo.solo.io/v2
kind: ExternalEndpoint
<@k8s.metadata name=name namespace=namespace labels=labels/>
spec:
  address: ${address}
  ports:
<#list ports as port>
  - name: ${port.name}
    number: ${port.number}
</#list>
