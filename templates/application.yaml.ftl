<#-- An Argo CD Application: syncs one cluster's overlay from Git, in sync-wave order. -->
<#import "lib/k8s.ftl" as k8s>
apiVersion: argoproj.io/v1alpha1
kind: Application
<@k8s.metadata name=name namespace=namespace/>
  annotations:
    argocd.argoproj.io/sync-wave: ${wave}
spec:
  project: ${project}
  source:
    repoURL: ${repoUrl}
    targetRevision: ${branch}
    path: ${path}
  destination:
    name: ${cluster}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
