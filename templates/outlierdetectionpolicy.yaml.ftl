<#import "lib/k8s.ftl" as k8s>
<#-- An empty applyToDestinations would select every destination of the workspace: refuse it. -->
<#if !destinations?has_content><#stop "destinations is empty: the policy would apply to every destination of its workspace"></#if>
apiVersion: resilience.policy.gloo.solo.io/v2
kind: OutlierDetectionPolicy
<@k8s.metadata name=name namespace=namespace/>
spec:
  applyToDestinations:
<#list destinations as destination>
  - kind: VIRTUAL_DESTINATION
    selector:
      cluster: ${destination.cluster}
      name: ${destination.name}
      namespace: ${destination.namespace}
</#list>
  config:
    baseEjectionTime: ${config.baseEjectionTime}
    consecutiveErrors: ${config.consecutiveErrors}
    interval: ${config.interval}
    maxEjectionPercent: ${config.maxEjectionPercent}
