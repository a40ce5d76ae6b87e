<#import "lib/k8s.ftl" as k8s>
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
<@k8s.metadata name=name namespace=namespace/>
spec:
  interval: ${interval}
  url: ${url}
  ref:
    branch: ${branch}
<#if secretRef??>
  secretRef:
    name: ${secretRef}
</#if>
