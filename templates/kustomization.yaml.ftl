<#-- A Flux Kustomization (not a kustomization.yaml): syncs one cluster's overlay from Git. -->
<#import "lib/k8s.ftl" as k8s>
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
<@k8s.metadata name=name namespace=namespace/>
spec:
  interval: ${interval}
  path: ${path}
  prune: true
<#if wait??>
  <#-- Ready only once every resource is: for the verify Jobs, once they completed. -->
  wait: true
  timeout: ${timeout}
  retryInterval: ${retryInterval}
</#if>
  sourceRef:
    kind: GitRepository
    name: ${source}
<#if dependsOn?has_content>
  dependsOn:
<#list dependsOn as dependency>
  - name: ${dependency}
</#list>
</#if>
