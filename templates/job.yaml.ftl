<#-- The proof of function from one source namespace: HTTP 200 from an external service's mesh host. -->
<#import "lib/k8s.ftl" as k8s>
apiVersion: batch/v1
kind: Job
<@k8s.metadata name=name namespace=namespace labels={"app.kubernetes.io/name": "meshgen-verify", "meshgen.dev/external-service": service}/>
  annotations:
    <#-- A Job's pod template is immutable: let Flux replace the Job when it changes. -->
    kustomize.toolkit.fluxcd.io/force: enabled
    meshgen.dev/url: ${url}
spec:
  backoffLimit: 2
  activeDeadlineSeconds: 300
  ttlSecondsAfterFinished: 3600
  template:
    metadata:
      labels:
        app.kubernetes.io/name: meshgen-verify
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
