<#import "lib/k8s.ftl" as k8s>
apiVersion: admin.gloo.solo.io/v2
kind: RootTrustPolicy
<@k8s.metadata name=name namespace=namespace/>
spec:
  config:
    mgmtServerCa:
      generated: {}
