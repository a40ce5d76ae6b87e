<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
<@k8s.metadata name=name namespace=namespace labels=labels/>
spec:
  hosts:
<#list hosts as host>
  - ${host}
</#list>
  ports:
<#list ports as port>
  - name: ${port.name}
    number: ${port.number}
    protocol: ${port.protocol}
</#list>
  selector:
<@k8s.labelLines labels=selector indent=4/>
