public enum RecLab {}
