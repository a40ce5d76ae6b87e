<#-- The proof of function from one source namespace: an expected status code from an external service's mesh host. -->
<#import "lib/k8s.ftl" as k8s>
apiVersion: batch/v1
kind: Job
<@k8s.metadata name=name namespace=namespace labels={"app.kubernetes.io/name": "meshgen-verify", "meshgen.dev/external-service": service}/>
  annotations:
    <#-- A Job's pod template is immutable: Argo CD deletes and recreates a changed Job (Replace
         alone is a PUT, which the API refuses for a Job's template), Flux replaces it. -->
    argocd.argoproj.io/sync-options: Force=true,Replace=true
    kustomize.toolkit.fluxcd.io/force: enabled
    meshgen.dev/expect: ${expect}
    meshgen.dev/url: ${url}
spec:
  backoffLimit: 2
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  template:
    metadata:
      labels:
        app.kubernetes.io/name: meshgen-verify
<#if revision??>
        <#-- Injected by the istiod revision the source namespace uses, like the workloads it stands for. -->
        istio.io/rev: ${revision}
</#if>
      annotations:
        <#-- curl must not start before the sidecar that routes it to the egress gateway. -->
        proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
    spec:
      restartPolicy: Never
      containers:
      - name: curl
        image: ${image}
        command:
        - /bin/sh
        - -c
        - ${script}
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop:
            - ALL
