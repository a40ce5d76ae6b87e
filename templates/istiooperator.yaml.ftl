<#import "lib/k8s.ftl" as k8s>
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
<@k8s.metadata name=name namespace=namespace/>
spec:
  profile: empty
  revision: ${revision}
  hub: ${hub}
  tag: ${tag}
  namespace: ${istioNamespace}
  meshConfig:
    trustDomain: ${trustDomain}
  components:
    egressGateways:
    - name: ${gatewayName}
      namespace: ${gatewayNamespace}
      enabled: true
<#if gatewayLabels??>
      label:
<@k8s.labelLines labels=gatewayLabels indent=8/>
</#if>
      k8s:
        service:
          type: ${serviceType}
          ports:
<#list ports as port>
          - name: ${port.name}
            port: ${port.port}
            targetPort: ${port.targetPort}
</#list>
<#-- "istio-egressgateway" is the key of Istio's egress gateway chart values, not a name from the properties. -->
  values:
    gateways:
      istio-egressgateway:
        injectionTemplate: gateway
    global:
      configValidation: true
      istioNamespace: ${istioNamespace}
      multiCluster:
        clusterName: ${clusterName}
      network: ${network}
