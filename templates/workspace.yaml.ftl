<#import "lib/k8s.ftl" as k8s>
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
<@k8s.metadata name=name namespace=namespace/>
spec:
  workloadClusters:
<#list clusters as cluster>
  - name: ${cluster.name}
    namespaces:
<#list cluster.namespaces as ns>
    - name: ${ns}
</#list>
</#list>
