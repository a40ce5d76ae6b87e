<#import "lib/k8s.ftl" as k8s>
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
<@k8s.metadata name=name namespace=namespace!""/>
spec:
<#if exportTo??>
  exportTo:
<#list exportTo as scope>
  - ${scope}
</#list>
</#if>
  host: ${host}
  trafficPolicy:
    portLevelSettings:
<#list portLevelSettings as setting>
    - port:
        number: ${setting.port}
      tls:
        mode: ${setting.tlsMode}
<#if setting.sni??>
        sni: ${setting.sni}
</#if>
<#if setting.caCertificates??>
        caCertificates: ${setting.caCertificates}
</#if>
<#if setting.credentialName??>
        credentialName: ${setting.credentialName}
</#if>
<#if setting.insecureSkipVerify??>
        insecureSkipVerify: true
</#if>
<#if setting.subjectAltNames??>
        subjectAltNames:
<#list setting.subjectAltNames as san>
        - ${san}
</#list>
</#if>
</#list>
