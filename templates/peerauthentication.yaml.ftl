<#import "lib/k8s.ftl" as k8s>
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
<@k8s.metadata name=name namespace=namespace/>
spec:
  mtls:
    mode: ${mode}
